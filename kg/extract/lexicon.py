"""Data-only tables for event coding, dates, definite descriptions and clause rules.

:mod:`kg.extract.lexicon` complements :mod:`kg.extract.patterns` (dependency
labels, modality words, the gazetteer) with the tables read by
:mod:`kg.extract.events` (CAMEO codes for news verbs and light-verb nouns),
:mod:`kg.extract.time` (date phrases), :mod:`kg.extract.coref` (definite
descriptions) and :mod:`kg.extract.clauses` (control, reciprocal and transfer
verbs). Nothing here is code. Words are lower-case lemmas unless noted.

The CAMEO choices follow the gold guidelines (``benchmarks/gold/README.md`` §11):
CAMEO.2.0 codes some news verbs for other senses ("kill" 190, "sue" 173,
"cooperate" 050), so :data:`VERB_EVENTS` overrides them.
"""

from __future__ import annotations

# --------------------------------------------------------------------------
# Events (CAMEO)

VERB_EVENTS = {
    # lemma or "lemma particles" -> CAMEO code; "" = no event (commercial, personnel)
    "kill": "1823", "wound": "182", "injure": "182", "massacre": "202", "execute": "186",
    "charge": "173", "indict": "173", "sue": "115", "veto": "129", "oppose": "120",
    "press": "020", "press for": "100", "surround": "150", "supply": "074", "lend": "071",
    "send": "070", "send to": "070", "deliver": "070", "deliver to": "070", "donate": "070",
    "provide": "070", "suspend": "160", "reinstate": "081", "agree to": "080",
    "cooperate": "060", "cooperate with": "060", "welcome": "051", "host": "043",
    "vote against": "120", "vote for": "051", "vote in favor of": "051", "vote in favour of": "051",
    "strike against": "143", "rally against": "141", "protest against": "141", "march against": "141",
    "speak with": "040", "speak to": "040", "talk with": "040", "talk to": "040", "phone": "040",
    "call": "040", "attend": "040", "invest": "", "invest in": "", "approach": "",
    "build": "", "close": "", "replace": "", "hire": "", "acquire": "", "buy": "", "sell": "",
    "test": "", "test for": "", "serve": "", "serve as": "",
}
"""News defaults that differ from (or are missing in) CAMEO.2.0."""

LIGHT_EVENTS = {
    # (verb, noun object) -> CAMEO code: "impose sanctions on", "hold talks with"
    ("impose", "sanction"): "163", ("impose", "duty"): "163", ("impose", "tariff"): "163",
    ("impose", "embargo"): "163", ("impose", "restriction"): "163", ("impose", "ban"): "163",
    ("raise", "duty"): "163", ("raise", "tariff"): "163", ("slap", "sanction"): "163",
    ("lift", "sanction"): "081", ("ease", "sanction"): "081", ("lift", "restriction"): "081",
    ("hold", "talk"): "040", ("hold", "meeting"): "040", ("hold", "negotiation"): "046",
    ("hold", "consultation"): "040", ("hold", "call"): "040", ("make", "visit"): "042",
    ("pay", "visit"): "042", ("fire", "rocket"): "190", ("fire", "missile"): "190",
    ("fire", "shell"): "190", ("fire", "drone"): "190", ("fire", "shot"): "190",
    ("fire", "projectile"): "190", ("launch", "missile"): "190", ("launch", "rocket"): "190",
    ("launch", "attack"): "190", ("launch", "strike"): "190", ("launch", "airstrike"): "195",
    ("launch", "offensive"): "190", ("launch", "operation"): "190", ("launch", "raid"): "190",
    ("launch", "drone"): "190", ("launch", "invasion"): "192", ("launch", "assault"): "190",
    ("launch", "investigation"): "090", ("launch", "probe"): "090", ("launch", "inquiry"): "090",
    ("carry", "strike"): "190", ("carry", "attack"): "190", ("carry", "raid"): "190",
    ("conduct", "strike"): "190", ("conduct", "raid"): "190", ("wage", "war"): "190",
    ("stage", "protest"): "141", ("stage", "demonstration"): "141", ("stage", "rally"): "141",
    ("stage", "strike"): "143", ("stage", "walkout"): "143", ("hold", "protest"): "141",
    ("issue", "warrant"): "173", ("issue", "statement"): "010", ("issue", "warning"): "130",
    ("issue", "threat"): "130", ("issue", "ultimatum"): "130", ("issue", "sanction"): "163",
    ("open", "proceeding"): "090", ("open", "investigation"): "090", ("open", "probe"): "090",
    ("open", "inquiry"): "090", ("open", "case"): "090", ("sign", "agreement"): "057",
    ("sign", "deal"): "057", ("sign", "accord"): "057", ("sign", "treaty"): "057",
    ("sign", "memorandum"): "057", ("sign", "pact"): "057", ("sign", "contract"): "",
    ("offer", "assistance"): "030", ("offer", "aid"): "030", ("offer", "help"): "030",
    ("offer", "support"): "030", ("send", "troop"): "070", ("send", "aid"): "070",
    ("provide", "aid"): "070", ("provide", "assistance"): "070", ("provide", "weapon"): "074",
    ("supply", "weapon"): "074", ("supply", "missile"): "074", ("supply", "arm"): "074",
    ("deliver", "aid"): "070", ("deliver", "vaccine"): "070", ("express", "condolence"): "018",
    ("express", "sympathy"): "018", ("express", "support"): "051", ("express", "concern"): "012",
    ("express", "solidarity"): "051", ("claim", "responsibility"): "015",
    ("claim", "credit"): "015", ("sever", "tie"): "161", ("cut", "tie"): "161",
    ("sever", "relation"): "161", ("break", "tie"): "161", ("restore", "tie"): "050",
    ("establish", "relation"): "050", ("declare", "ceasefire"): "0871", ("declare", "truce"): "0871",
    ("declare", "war"): "138", ("level", "accusation"): "112", ("level", "charge"): "112",
    ("lodge", "complaint"): "114", ("file", "complaint"): "114", ("file", "lawsuit"): "115",
    ("file", "suit"): "115", ("impose", "fine"): "172", ("take", "step"): "",
}
"""Light-verb constructions: the noun carries the event ("impose sanctions on" → 163)."""

SUPPORT_VERBS = frozenset({"make", "bring", "mark", "face", "take", "give", "use", "see", "pay"})
"""Support verbs: with a common-noun object the noun names the act ("made a decision", "marked
the end", "paid the average"); without a partner phrase that folds in, no relation."""

AIMING_VERBS = frozenset({
    "fire", "launch", "aim", "direct", "point", "hurl", "throw", "shoot", "lob", "level", "take", "lash",
})
"""Verbs whose "at" phrase is a target ("fired rockets at Israel", "levelled accusations at"); after
other verbs "at" names a place unless an organisation or person follows ("unveiled the jet at
its factory")."""

SURPRISE_IDIOMS = frozenset({("catch", "off", "guard"), ("catch", "by", "surprise"), ("take", "by", "surprise")})
"""Verb + preposition + noun idioms of surprise: "caught X off guard" is no seizure (CAMEO
"catch"/"take" 17x); the relation stays, without an event code."""

ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ruptcy", "ness", "ism", "ality")
"""Derivational suffixes of nouns for acts, states and qualities ("recommendation", "management",
"ownership", "bankruptcy"): no entity, so no argument of an actor relation (guidelines §1)."""

CONCRETE_EXCEPTIONS = frozenset({
    "equipment", "government", "parliament", "apartment", "instrument", "shipment", "settlement",
    "station", "option", "portion", "ammunition", "munition", "medication", "population", "nation",
    "administration", "organization", "organisation", "corporation", "federation", "association",
    "coalition", "delegation", "commission", "opposition", "institution", "foundation", "union",
    "alliance", "insurance", "appliance", "licence", "license", "business", "witness", "installation",
    "generation", "legislation", "petition", "resolution", "proposition", "version", "municipality", "nationality", "personality",
})
"""Nouns with those suffixes that name things, bodies or documents (an actor, a bill, a weapon)."""

ABSTRACT_NOUNS = frozenset({
    "award", "protest", "offer", "demand", "contest", "value", "role", "flaw", "way", "question",
    "claim", "concern", "criticism", "support", "interest", "attention", "step", "move", "effort",
    "issue", "problem", "idea", "view", "decision", "chance", "priority", "goal", "aim",
    "lead", "charge", "blame", "trust", "loss", "success", "failure", "growth", "change",
    "risk", "threat", "fear", "hope", "doubt", "end", "start", "rise", "fall", "increase", "decline",
    "economy", "amount", "level", "rate", "pressure", "ownership", "membership", "leadership",
    "dispute",
})
"""Underived nouns for acts, states and measures that news verbs take as objects ("upheld the
protest", "raised questions", "lost the lead"): as :data:`ABSTRACT_SUFFIXES`, no entity."""

HOLDING_NOUNS = frozenset({"order", "stake", "share", "holding"})
"""Nouns for an amount placed or held ("received more orders", "holds a 60% stake", "increased its
holding"): no entity (guidelines §1, business: orders, deals; a stake is a measure of ownership).
The partner, when the text names one, is folded into the predicate ("won an order from X", "holds a
stake in X"); a name inside the phrase ("the Qantas order") keeps it."""

GATHERING_NOUNS = frozenset({
    "forum", "ceremony", "summit", "conference", "meeting", "rally", "festival", "exhibition", "show",
    "fair", "parade", "concert", "gala", "celebration", "hearing",
})
"""Events people organise or attend ("set up a business forum", "spoke at a rally", "attended the
ceremony"): no entity, so no partner (guidelines §1); a named one ("the Paris Air Show", "the
NATO summit") is an entity."""

PLAN_NOUNS = frozenset({"plan"})
"""A course of action someone intends (guidelines §1, business: plans are no entities): "pursued an
expansion plan", "succeeded with a restructuring plan" relate the actor to no one, unless someone
decides on it as on a bill (:data:`DECIDING_VERBS`) or it is made public
(:data:`PUBLISHING_VERBS`, the act the relation then records)."""

DECIDING_VERBS = frozenset({
    "consider", "approve", "pass", "reject", "adopt", "back", "endorse", "vote", "veto", "block",
    "debate", "review", "ratify", "oppose", "support", "amend", "enact", "accept", "examine", "weigh",
    "withdraw", "scrap", "drop", "abandon", "shelve", "cancel", "suspend", "revoke", "rescind", "freeze",
    "decide", "revise", "promote", "advocate",
})
"""Verbs of deciding on, or retracting, a proposal: their object is a measure, a specific thing like
a bill (guidelines §1: "the House approved the measures"; "unless the company withdrew its plan")."""

PUBLISHING_VERBS = frozenset({"announce", "unveil", "present", "publish", "outline", "release", "disclose", "reveal"})
"""Verbs of making a thing public ("presented a plan"): the act of presenting is what is recorded."""

UNDER_NOUNS = {
    "development": "develop", "construction": "build", "review": "review", "consideration": "consider",
    "investigation": "investigate", "attack": "attack", "siege": "besiege", "occupation": "occupy",
    "control": "control", "threat": "threaten", "scrutiny": "scrutinize", "negotiation": "negotiate",
    "pressure": "pressure", "sanction": "sanction", "blockade": "blockade", "bombardment": "bomb",
    "evaluation": "evaluate", "surveillance": "monitor", "arrest": "arrest", "protection": "protect",
}
"""Event nouns of "under <noun>", a passive periphrasis ("under development by X" → X `develop`
it, "came under attack by X", "has X under review"): noun → the verb it stands for."""

IN_STATE_NOUNS = {
    "possession": "possess", "control": "control", "command": "command", "violation": "violate",
    "breach": "breach", "pursuit": "pursue", "defiance": "defy", "support": "support",
    "favour": "favor", "favor": "favor", "charge": "run", "custody": "hold", "ownership": "own",
}
"""Nouns of "be in <noun> of X", a state the subject is in towards X ("was in possession of X" →
`possess` X, "is in breach of the deal"): noun → the verb it stands for."""

DELIBERATIVE_BODIES = frozenset({
    "senate", "house", "congress", "parliament", "assembly", "council", "court", "committee",
    "chamber", "legislature", "cabinet", "knesset", "duma", "bundestag", "majlis", "diet", "tribunal",
})
"""Bodies that decide by deliberating: "rejected in the Senate" names the Senate as the agent
(guidelines §3), unlike a place ("rejected in Paris")."""

PRODUCT_CLASS_NOUNS = frozenset({
    "aircraft", "plane", "airplane", "airliner", "jet", "jetliner", "car", "vehicle", "model", "truck",
    "ship", "vessel", "submarine", "drone", "satellite", "rocket", "phone", "device", "sedan", "suv",
})
"""Class nouns of made products: "the aircraft" after "the Airbus A380 landed" is that model
(:meth:`kg.extract.arguments.Arguments.concept`)."""

REVERSAL_VERBS = frozenset({"backtrack", "backpedal", "renege", "u-turn", "flip-flop"})
"""Verbs of going back on a stance ("Israel backtracked on the plan"): the relation is with what was
given up, `backtrack on` (:func:`kg.extract.periphrases.reversal_frames`)."""

REVERSAL_IDIOMS = frozenset({("reverse", "course"), ("change", "course"), ("do", "u-turn"), ("make", "u-turn")})
"""Verb + object idioms that mean the same as :data:`REVERSAL_VERBS` ("reversed course on X")."""

STATE_NOUNS = frozenset({
    "talk", "talks", "negotiation", "negotiations", "discussion", "discussions", "war", "contact",
    "touch", "conflict", "dispute", "competition", "partnership", "alliance", "league", "consultation",
    "consultations", "debt", "agreement", "cahoots", "collaboration", "cooperation", "negotiation",
})
"""Nouns of a standing relation after "be in"/"be at" ("is in talks with X", "was at war with X"):
the copula and the phrase make the predicate, the partner follows ("be in talks with")."""

TALK_NOUNS = frozenset({
    "talk", "negotiation", "summit", "conference", "dialogue", "process", "mediation", "meeting",
})
"""Objects that make "withdraw from"/"pull out of"/"suspend" a halt of negotiations (164)."""

PACT_NOUNS = frozenset({"treaty", "agreement", "accord", "pact", "coalition", "alliance", "organization", "deal"})
"""Objects that make "withdraw from"/"pull out of" a reduction of relations (161)."""

COMMERCIAL_NOUNS = frozenset({
    "takeover", "contract", "merger", "acquisition", "bid", "sale", "purchase", "investment",
    "offer", "project", "venture", "plant", "factory", "sponsorship",
})
"""Objects that make "pull out of"/"withdraw from" a commercial act: no CAMEO event."""

JOINT_NOUNS = frozenset({
    "agreement", "accord", "pact", "treaty", "deal", "contract", "memorandum", "partnership",
    "alliance", "venture", "truce", "ceasefire", "talk", "negotiation", "merger",
})
"""Objects that make a verb with conjoined subjects a joint act: "X and Y signed a deal" → X sign
deal with Y and Y sign deal with X (reciprocal, like "X and Y met")."""

TRUCE_NOUNS = frozenset({"ceasefire", "truce", "armistice", "cease-fire"})
"""Objects that make "agree to"/"approve"/"accept" a declared truce (0871)."""

SPEECH_NOUNS = frozenset({
    "speech", "statement", "interview", "address", "remark", "tweet", "post", "op-ed", "column", "letter",
})
"""A physical-attack verb "in a speech" is verbal criticism (111)."""

# --------------------------------------------------------------------------
# Clauses

OBJECT_CONTROL = frozenset({
    "urge", "ask", "press", "call", "pressure", "push", "encourage", "persuade", "order", "tell",
    "invite", "advise", "instruct", "force", "compel", "convince", "request", "implore", "beg",
    "appeal", "warn", "remind", "challenge", "dare", "lobby", "exhort", "entreat", "direct",
    "authorize", "authorise", "allow", "permit", "enable", "help", "want", "need", "expect",
    # choosing and engaging someone for a task, causing and requiring
    "hire", "select", "choose", "pick", "appoint", "elect", "name", "nominate", "designate",
    "commission", "contract", "employ", "assign", "recruit", "train", "pay", "send", "require",
    "oblige", "obligate", "prompt", "lead", "cause", "get", "inspire", "motivate", "empower",
    "forbid", "prohibit", "ban", "bar", "tempt", "teach", "mandate", "leave", "drive", "like",
    "prefer", "trust", "count", "rely", "sue", "pressurise", "pressurize", "coerce", "signal",
})
"""Verbs whose object does their infinitive ("urged Israel to accept", "hired Lazard to advise"):
the complement is not annotated (gold §6). After the object of any other verb the infinitive is
a purpose or result clause, done by the subject ("defeated Boeing to win the order")."""

NOTIFYING_VERBS = frozenset({"notify", "inform", "brief", "apprise", "update"})
"""Verbs of letting someone know of one's own plans: the infinitive of a plan or operation noun in
their "about"/"of"/"on" phrase is the notifier's ("notified X about an operation to seize Y": the
notifier seizes Y), as after "announce", "present" (:data:`kg.extract.patterns.NOUN_CONTROL_VERBS`).
Not verbs of warning or telling, whose topic is often someone else's plan ("warned X of a plot")."""

SAYING_VERBS = frozenset({
    "say", "tell", "state", "add", "note", "comment", "explain", "describe", "write", "translate",
    "stress", "reiterate", "emphasize", "emphasise", "remark", "mention", "speak",
})
"""Verbs of saying: their object or phrase is the wording or the medium ("said in a statement",
"explained the rationale"), never a partner; unlike "announce", "claim" or "quote", whose object
can be an act or a person ("announced orders from X", "claimed responsibility for")."""

STANCE_VERBS = frozenset({
    "approve", "reject", "back", "support", "oppose", "welcome", "endorse", "condemn", "criticize",
    "criticise", "denounce", "praise", "hail", "applaud", "dismiss", "veto", "ratify", "accept", "favor",
    "favour", "question", "challenge", "uphold", "overturn",
})
"""Verbs of judgement on a proposal or event: the phrases of their noun object belong to that
noun ("approved the ceasefire with Hezbollah" is no act with Hezbollah), not to the verb."""

CONTROL_PREP_VERBS = frozenset({"call", "rely", "count", "prevail", "appeal", "depend", "lean", "wait"})
"""Verbs whose "on"/"upon" phrase controls the infinitive ("called on Hamas to release")."""

DEMAND_THAT = frozenset({"demand", "urge", "ask", "request", "insist", "require", "recommend", "propose"})
"""Verbs whose subjunctive "that" clause names the addressee ("demanded that Israel stop")."""

SYMMETRIC_VERBS = frozenset({
    "meet", "talk", "negotiate", "clash", "fight", "confer", "speak", "agree", "cooperate",
    "reconcile", "spar", "collide", "skirmish", "trade", "merge", "compete", "collaborate", "partner",
    "ally", "quarrel", "feud",
})
"""Predicates that hold both ways when conjoined subjects have no object ("Modi and Xi met")."""

TRANSFER_VERBS = frozenset({
    "send", "deliver", "donate", "deploy", "give", "lend", "withdraw", "move", "dispatch", "airlift",
    "hand", "return", "pull",
})
"""Verbs whose direct object is a theme moved to/from an actor: "send troops to Israel" → send to
Israel (gold §5); "supply weapons to", "offer assistance to" keep their noun (light verbs)."""

COMPLEX_PREPS = {
    ("in", "favour", "of"): "in favour of", ("in", "favor", "of"): "in favor of",
    ("in", "support", "of"): "in support of", ("on", "behalf", "of"): "on behalf of",
    ("in", "response", "to"): "",
}
"""Prepositional phrases that work as one preposition ("vote in favour of the tariffs")."""

TIME_NOUNS = frozenset({
    "time", "year", "day", "week", "month", "moment", "hour", "period", "occasion", "minute",
    "decade", "night", "morning", "evening", "afternoon", "weekend", "while", "first",
})
"""Nouns that are never an argument ("met for the first time")."""

LEMMA_FIXES = {
    "staged": "stage", "stag": "stage", "rammed": "ram", "axed": "axe", "eyed": "eye", "fined": "fine",
    "fines": "fine",
    "hopes": "hope", "hoped": "hope",
}
"""Word forms (or bad lemmas) the small model lemmatises wrongly ("staged" → "stag")."""

# --------------------------------------------------------------------------
# Dates

DATE_PREPS = frozenset({"on", "at", "in", "during", "early", "late"})
"""Prepositions (and adverbs) that place an event at a date; "by", "since", "until" do not."""

RAISING_GOVERNORS = frozenset({"expect", "schedule", "set", "due", "likely", "poised", "slate", "unlikely"})
"""Governors whose date belongs to the embedded event ("is scheduled on Wednesday to meet")."""

VAGUE_DATES = frozenset({
    "week", "month", "year", "weekend", "overnight", "recently", "decade", "century", "season",
    "spring", "summer", "autumn", "fall", "winter", "days", "weeks", "months", "years", "later",
    "earlier", "soon", "past", "night",
})
"""Date words that never fix a calendar day ("last week", "overnight", "in March")."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# --------------------------------------------------------------------------
# Definite descriptions and unnamed sources

PERSON_DESCRIPTIONS = frozenset({
    "president", "minister", "premier", "chancellor", "president-elect", "leader", "king", "queen",
    "emir", "prince", "secretary", "senator", "governor", "mayor", "ambassador", "envoy", "general",
    "commander", "spokesman", "spokeswoman", "spokesperson", "chief", "chairman", "chairwoman",
    "ceo", "executive", "director", "candidate", "nominee", "official", "diplomat", "lawmaker",
    "politician", "pope", "ayatollah", "sheikh", "sultan", "monarch", "speaker", "coach", "striker",
    "athlete", "cyclist", "player", "runner", "actor", "singer", "judge", "prosecutor", "man", "woman",
    "suspect", "activist", "billionaire", "founder", "owner", "negotiator", "mediator", "adviser", "advisor",
})
"""Heads of definite descriptions of a person ("the chancellor", "the vice president")."""

ORG_DESCRIPTIONS = {
    # head -> the kinds of organisation it can describe ("business", "court", "any")
    "company": "business", "firm": "business", "group": "any", "conglomerate": "business",
    "carrier": "business", "airline": "business", "bank": "business", "lender": "business",
    "insurer": "business", "retailer": "business", "manufacturer": "business", "automaker": "business",
    "carmaker": "business", "producer": "business", "supplier": "business", "operator": "business",
    "startup": "business", "giant": "business", "business": "business", "corporation": "business",
    "drugmaker": "business", "fund": "business", "investor": "business", "club": "any",
    "court": "court", "tribunal": "court", "union": "any", "organisation": "any",
    "organization": "any", "agency": "any", "body": "any", "regulator": "any", "watchdog": "any",
    "authority": "any", "commission": "any", "committee": "any", "council": "any", "party": "any",
    "movement": "group", "militia": "group", "outlet": "any", "newspaper": "any", "broadcaster": "any",
    "network": "any", "alliance": "any", "bloc": "any", "ministry": "any", "department": "any",
}
"""Heads of definite descriptions of an organisation or group ("the company", "the group")."""

COUNTRY_DESCRIPTIONS = frozenset({
    "country", "nation", "kingdom", "republic", "state", "emirate", "government", "administration",
})
"""Heads of definite descriptions of a country ("the kingdom")."""

BUSINESS_WORDS = frozenset({
    "group", "holdings", "holding", "steel", "rail", "pharma", "pharmaceuticals", "motors", "logistics",
    "foods", "bank", "pensions", "airlines", "airways", "energy", "capital", "partners", "inc", "inc.",
    "ltd", "ltd.", "plc", "corp", "corp.", "corporation", "company", "co", "co.", "industries",
    "technologies", "systems", "media", "telecom", "insurance", "securities", "investments", "oil",
    "gas", "mining", "shipping", "aerospace", "automotive", "chemicals", "labs", "ventures", "sa", "ag",
    "gmbh", "llc", "limited", "enterprises", "solutions", "brands", "retail", "resources",
})
"""Last words of organisation names that mark a business (and never a person)."""

TITLE_COUNTRIES = {
    # a title that only some countries use -> those ISO-3 codes
    "chancellor": frozenset({"DEU", "AUT"}), "premier": frozenset({"CHN", "ITA", "CAN", "AUS"}),
    "emir": frozenset({"QAT", "KWT", "ARE"}), "king": frozenset({"JOR", "SAU", "GBR", "MAR", "BHR", "ESP", "NLD"}),
    "ayatollah": frozenset({"IRN", "IRQ"}), "taoiseach": frozenset({"IRL"}),
}
"""Titles a person of another (known) country cannot hold ("the chancellor" is not Xi Jinping)."""

ANONYMOUS_SOURCES = frozenset({
    "official", "source", "diplomat", "person", "people", "analyst", "insider", "expert", "observer",
    "aide", "officer", "member", "someone", "individual", "witness", "resident", "activist",
})
"""Nouns of unnamed sources ("officials familiar with the matter said")."""

ANONYMOUS_LABEL = "anonymous source"
"""The canonical label of an unnamed source (an actor of type Group)."""

# --------------------------------------------------------------------------
# Places

PLACE_VERBS = frozenset({
    "visit", "tour", "travel", "fly", "arrive", "return", "go", "come", "head", "move", "strike", "hit",
    "bomb", "shell", "attack", "raid", "target", "invade", "enter", "besiege", "surround", "capture",
    "seize", "evacuate", "fire", "launch", "reach", "leave", "storm", "pound", "bombard", "occupy",
    "host", "relocate", "flee", "deploy", "send", "deliver", "airlift", "land",
})
"""Verbs whose object (or "to"/"at" phrase) is a place: "visit Riyadh" stays a Location."""

# --------------------------------------------------------------------------
# Actors

AGENT_ONLY_NOUNS = frozenset({
    "fire", "shelling", "gunfire", "airstrike", "strike", "bombardment", "missile", "rocket",
    "embassy", "consulate", "ministry",
})
"""Role nouns that stand for their actor only as an agent ("wounded by Israeli tank fire", "the
embassy said"); as an object they are concepts or facilities ("condemned the Israeli strikes",
"crowds trashed its embassy")."""

QUALIFIED_GROUP_NOUNS = frozenset({"country", "nation", "government"})
"""Group nouns that need an adjective to be an actor ("rich countries", not "countries")."""

ARMED_GROUP_WORDS = frozenset({"forces", "brigades", "brigade", "front", "militia", "movement", "army", "battalion"})
"""Last words of non-state armed group names ("Rapid Support Forces") typed Group when no dictionary knows them."""

REGION_WORDS = frozenset({
    "central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "occupied",
})
"""Adjectives that turn a country into a region of it ("central Israel" is a Location)."""

MEDIA_ROLES = frozenset({"reporter", "correspondent", "journalist", "editor", "columnist", "anchor", "writer"})
"""Nouns whose possessor is the outlet a statement is attributed to ("Axios's reporter")."""

PERSONAL_VERBS = frozenset({
    "meet", "speak", "talk", "call", "phone", "host", "congratulate", "thank", "praise", "tell", "say",
    "welcome", "visit", "greet", "receive", "hug", "telephone", "brief", "interview", "endorse", "fire",
})
"""Verbs whose subject or object is a person more often than a place (an unknown "Blinken" meets)."""

NOT_NAMES = frozenset({
    "will", "may", "but", "and", "so", "yet", "meanwhile", "however", "still", "god", "read", "more",
    "breaking", "update", "analysis", "opinion", "exclusive", "watch", "live", "photos", "video",
})
"""Capitalised words that are no names at the start of a sentence or headline."""

OCCURRENCE_VERBS = frozenset({"happen", "occur", "unfold", "succeed"})
"""Intransitive verbs that say an event came about ("the raid, which happened at dawn")."""

OCCURRENCE_PASSIVES = frozenset({"carry", "execute", "conduct", "implement", "perform", "complete"})
"""Verbs whose passive says an event was done ("it was carried out", "was executed")."""

MEASURE_NOUNS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "moment"})
"""Time units of a measure phrase ("minutes before", "days after")."""
