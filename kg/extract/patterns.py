"""Data-only constants for the rule-based extractors.

:mod:`kg.extract.patterns` holds the dependency-label sets, lexicons (reporting,
control and modal words, role and title nouns) and the small built-in gazetteer
of countries, demonyms and institutions. Nothing here is code: the other
modules of :mod:`kg.extract` read these tables, so a rule is changed by editing
data. Words are lower-case lemmas unless noted.

The gazetteer is deliberately small (the commonest news actors): extraction
uses it to name actors as it finds them; :mod:`kg.resolve` canonicalises again,
with the Phoenix dictionaries (``kg.dictionaries``) when given.
"""

from __future__ import annotations

EXTRACTOR = "kg-rules/0.1"
"""``Provenance.extractor`` of every relation these rules produce."""

# --------------------------------------------------------------------------
# Dependency labels (spaCy English / ClearNLP scheme)

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASS_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj"})
DATIVE_DEPS = frozenset({"dative", "iobj"})
ATTR_DEPS = frozenset({"attr", "oprd"})
AUX_DEPS = frozenset({"aux", "auxpass"})
NEG_DEPS = frozenset({"neg"})
CONJ_DEPS = frozenset({"conj"})
MOD_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss", "npadvmod", "quantmod"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "conj", "parataxis", "csubj", "pcomp"})
ARG_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
PREDICATE_POS = frozenset({"VERB", "AUX"})

# --------------------------------------------------------------------------
# Predicates

PREDICATE_PREPS = frozenset({
    "with", "from", "to", "on", "against", "for", "into", "about", "toward", "towards",
    "over", "upon", "of", "at", "in", "onto", "across", "through", "behind", "among", "between",
})
"""Prepositions that may form a prepositional predicate ("meet with", "withdraw from")."""

CIRCUMSTANTIAL_PREPS = frozenset({
    "during", "after", "before", "since", "until", "till", "amid", "amidst", "despite",
    "following", "including", "like", "unlike", "as", "than", "via", "throughout", "within",
    "without", "because", "per", "besides", "except", "according", "by", "near", "around",
})
"""Prepositions that set a scene (time, cause, manner) rather than name a participant."""

QUANTITY_NOUNS = frozenset({
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "number", "lot", "lots", "group", "some", "many", "most", "all", "several", "few", "each",
    "both", "one", "two", "three", "four", "five", "majority", "minority", "part", "rest",
    "page", "pages", "piece", "pieces", "ton", "tons", "tonne", "tonnes", "barrel", "barrels",
})
"""Heads that only count what their "of" phrase names ("dozens of civilians")."""

NON_ARG_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
"""Entity labels of phrases that are never arguments of a relation."""

PREDICATE_NORMAL = {
    "oppose to": "oppose",
    "be oppose to": "oppose",
}
"""Lemma phrases rewritten to their canonical active form."""

LIGHT_VERBS = frozenset({
    "express", "raise", "launch", "carry", "pose", "make", "take", "sign", "reach", "hold",
    "impose", "lift", "conduct", "voice", "file", "issue", "give", "offer", "provide", "wage",
    "stage", "mount", "open", "reverse", "announce", "level", "lodge", "stoke", "ease",
    "escalate", "lose", "build", "strengthen", "deepen", "improve", "restore", "sever", "cut",
    "break", "establish", "normalize", "normalise", "prompt", "declare", "fire", "signal",
    "show", "extend", "send", "deliver", "seek", "supply", "sell", "ship", "transfer", "export",
    "claim", "pay", "slap",
})
"""Verbs whose noun object carries the meaning ("express concern over X", "sever ties with X")."""

STOP_PREDICATES = frozenset({"be", "have", "do", "get", "become", "seem", "remain", "appear"})
"""Lemmas too empty to make a relation with a concept object ("it has in its process")."""

IDIOMS = frozenset({("take", "place"), ("make", "sense"), ("take", "part"), ("pay", "attention"), ("put", "it")})
"""Verb–object pairs that are intransitive idioms, never a relation."""

LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around"})
"""Prepositions of place: a place after them is where, not who."""

# --------------------------------------------------------------------------
# Attribution, negation, modality

SPEECH_VERBS = frozenset({
    "say", "tell", "state", "announce", "report", "claim", "stress", "add", "note", "warn",
    "insist", "confirm", "deny", "comment", "explain", "argue", "reveal", "write", "declare",
    "assert", "allege", "acknowledge", "admit", "indicate", "emphasize", "emphasise",
    "underline", "mention", "tweet", "post", "disclose", "inform", "assure", "brief",
    "believe", "think", "fear", "suspect", "estimate", "predict", "conclude", "accuse",
    "complain", "concede", "contend", "maintain", "reiterate", "recall", "quote", "put",
})
"""Verbs that introduce reported content (speech and cognition)."""

CLAUSE_REPORTING_VERBS = frozenset({
    "show", "find", "suggest", "rule", "hope", "expect", "agree", "worry", "charge", "learn",
    "determine", "demonstrate", "testify", "recognize", "recognise", "realize", "realise",
})
"""Verbs that report content only through a finite clause, never an infinitive: evidence and findings
("a poll shows that", "the study found", "the court ruled that", "The Post has learned that") and
cognition ("hopes that", "agreed that", "worries that"). "found the documents" reports nothing."""

COGNITION_VERBS = frozenset({"believe", "think", "fear", "suspect", "estimate", "predict", "conclude"})
"""The verbs of :data:`SPEECH_VERBS` that report a thought, not an utterance: inside another
source's report they are part of that report ("X said he believes ...")."""

NEGATING_SPEECH_VERBS = frozenset({"deny", "dismiss", "refute"})
"""Reporting verbs whose content is asserted to be false ("X denied that ...")."""

OUTLET_VERBS = frozenset({"speak", "talk", "tell", "say"})
"""Verbs of "sources speaking to <outlet>" in attribution phrases."""

NEWS_OUTLETS = frozenset({
    "Axios", "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "CNN", "BBC",
    "Al Jazeera", "Al Mayadeen", "Bloomberg", "Politico", "The New York Times", "New York Times",
    "The Washington Post", "Washington Post", "The Wall Street Journal", "Wall Street Journal",
    "The Guardian", "Guardian", "Haaretz", "The Times of Israel", "Times of Israel", "NBC",
    "CBS", "ABC", "Fox News", "Sky News", "Channel 12", "Kan", "IRNA", "Tasnim", "TASS",
    "RIA Novosti", "Xinhua", "Financial Times", "The Economist", "NPR", "Ynet",
})
"""Names always typed Organization (the NER model often calls them NORP or PERSON)."""

NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nowhere"})
"""Negators as token text (lower-case) on a verb, its auxiliaries or its copula."""

NEG_PHRASES = (("no", "longer"), ("not", "yet"), ("no", "more"))
"""Adverb pairs that negate a verb ("no longer supports")."""

HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must", "ought", "'d"})
PLANNED_MODALS = frozenset({"will", "shall", "'ll", "wo"})
HEDGE_ADVERBS = frozenset({
    "likely", "possibly", "perhaps", "probably", "potentially", "maybe", "conceivably",
    "presumably", "supposedly",
})
REPORTED_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "apparently", "ostensibly"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})

PLAN_CONTROL = frozenset({
    "plan", "intend", "aim", "prepare", "threaten", "vow", "pledge", "promise", "decide",
    "agree", "schedule", "set", "resolve", "commit", "go", "determine", "mean",
})
"""Verbs (and ``be set/going to``) whose infinitive complement is planned."""

HYPOTHETICAL_CONTROL = frozenset({
    "want", "hope", "wish", "seek", "try", "attempt", "expect", "consider", "urge", "ask",
    "call", "press", "push", "order", "request", "demand", "encourage", "persuade", "pressure",
    "invite", "advise", "warn", "need", "like", "offer", "propose", "suggest", "allow",
    "permit", "authorize", "authorise", "instruct", "force", "compel", "tell", "convince",
    "likely", "able", "ready", "willing", "prepared", "poised", "eager", "unlikely", "oppose",
    "support", "back", "welcome", "reject", "approve", "favor", "favour", "discuss", "weigh",
    "contemplate", "mull",
})
"""Governors whose complement is not asserted to happen (requests, wishes, stances)."""

NEGATING_CONTROL = frozenset({"refuse", "decline", "fail", "avoid", "stop", "cease", "neglect"})
"""Verbs whose complement did not (or will not) happen ("refused to meet")."""

NOUN_CONTROL_VERBS = frozenset({
    "have", "announce", "make", "unveil", "outline", "prepare", "devise", "hatch", "draw",
    "finalize", "finalise", "approve", "adopt", "present", "launch", "issue", "lack",
    "sign",  # the signatory does what the deal is for ("signed a contract to buy X")
})
"""Verbs whose subject does the infinitive of their noun object ("Israel has plans to attack")."""

PLAN_NOUNS = frozenset({
    "plan", "intention", "intent", "decision", "pledge", "promise", "threat", "bid", "vow", "scheme", "preparation",
})
HYPOTHETICAL_NOUNS = frozenset({
    "order", "call", "request", "demand", "attempt", "effort", "proposal", "need", "right",
    "push", "readiness", "willingness", "ability", "option", "possibility", "risk", "chance",
})
REPORT_NOUNS = frozenset({
    "report", "claim", "allegation", "statement", "announcement", "accusation", "assertion",
    "news", "word", "rumor", "rumour", "testimony", "confirmation", "admission", "reports",
})
"""Nouns whose "that" clause is reported content ("reports that Iran attacked")."""

SPECULATION_NOUNS = frozenset({
    "fear", "possibility", "risk", "chance", "concern", "hope", "speculation", "evidence",
    "suspicion", "sign", "indication", "suggestion", "prospect", "likelihood", "doubt", "question",
})
"""Nouns whose "that" clause is not asserted ("fears that Iran would attack")."""

PLANNED_ADJECTIVES = frozenset({
    "planned", "proposed", "intended", "upcoming", "imminent", "scheduled", "impending", "forthcoming",
})
HYPOTHETICAL_ADJECTIVES = frozenset({
    "possible", "potential", "likely", "expected", "threatened", "hypothetical", "feared", "prospective", "alleged",
})


# --------------------------------------------------------------------------
# Actors

ROLE_NOUNS = {
    # noun lemma → CAMEO agent code (the sector of the country/organisation)
    "official": "GOV", "government": "GOV", "administration": "GOV", "ministry": "GOV",
    "regime": "GOV", "cabinet": "GOV", "leader": "GOV", "leadership": "GOV", "diplomat": "GOV",
    "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV", "negotiator": "GOV",
    "authority": "GOV", "envoy": "GOV", "delegation": "GOV", "embassy": "GOV", "minister": "GOV",
    "president": "GOV", "premier": "GOV", "side": "GOV", "state": "GOV", "lawmaker": "LEG",
    "legislator": "LEG", "parliament": "LEG", "senator": "LEG", "force": "MIL", "troop": "MIL",
    "jet": "MIL", "warplane": "MIL", "army": "MIL", "military": "MIL", "soldier": "MIL",
    "navy": "MIL", "commander": "MIL", "officer": "MIL", "drone": "MIL", "aircraft": "MIL",
    "artillery": "MIL", "tank": "MIL", "unit": "MIL", "police": "COP", "policeman": "COP",
    "intelligence": "SPY", "agent": "SPY", "fighter": "REB", "militant": "REB", "rebel": "REB",
    "insurgent": "REB", "gunman": "REB", "militia": "REB", "protester": "OPP", "activist": "OPP",
    "opposition": "OPP", "court": "JUD", "judge": "JUD", "prosecutor": "JUD", "media": "MED",
    "journalist": "MED", "reporter": "MED", "company": "BUS", "firm": "BUS", "people": "CVL",
    "civilian": "CVL", "resident": "CVL", "settler": "CVL", "source": "", "head": "GOV",
    "chief": "GOV", "director": "GOV", "secretary": "GOV", "adviser": "GOV", "advisor": "GOV",
    "ship": "MIL", "warship": "MIL", "vessel": "MIL", "boat": "MIL", "submarine": "MIL", "peacekeeper": "MIL",
    "guard": "MIL", "executive": "BUS", "party": "PTY", "fire": "MIL", "shelling": "MIL", "gunfire": "MIL",
    "airstrike": "MIL", "strike": "MIL", "bombardment": "MIL", "missile": "MIL", "rocket": "MIL",
    "occupation": "MIL",
}
"""Nouns that stand for a country's or organisation's actors ("US officials", "Israeli jets")."""

GROUP_NOUNS = frozenset({
    "militant", "rebel", "insurgent", "gunman", "fighter", "protester", "activist", "soldier",
    "troop", "settler", "civilian", "resident", "official", "diplomat", "lawmaker", "police",
    "militia", "terrorist", "demonstrator", "refugee", "hostage", "captive", "worker", "student",
    "journalist", "villager", "prosecutor", "farmer", "migrant", "prisoner", "detainee", "country", "nation",
    "voter", "pilgrim",
})
"""Role nouns that are an actor (type Group) even without a country ("militants")."""

TITLE_NOUNS = frozenset({
    "president", "minister", "secretary", "adviser", "advisor", "spokesman", "spokeswoman",
    "spokesperson", "chief", "head", "leader", "general", "commander", "ambassador", "envoy",
    "senator", "king", "queen", "prince", "premier", "chancellor", "director", "chairman",
    "chairwoman", "chair", "governor", "mayor", "official", "representative", "deputy",
    "vice", "speaker", "lieutenant", "colonel", "major", "captain", "admiral", "sheikh",
    "ayatollah", "emir", "sultan", "pope", "cardinal", "archbishop", "rabbi", "imam",
    "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "judge",
    "justice", "prosecutor", "officer", "counsel", "coordinator", "correspondent", "reporter",
    "editor", "founder", "ceo", "executive", "negotiator", "diplomat", "aide", "member",
    "secretary-general", "general-secretary", "commissioner", "mp", "congressman",
    "congresswoman", "lawmaker", "candidate", "nominee", "sayyed",
})
"""Nouns that can head a person's title ("Minister for Strategic Affairs Ron Dermer")."""

PERSON_TITLES = frozenset({
    "president", "chancellor", "minister", "premier", "king", "queen", "prince", "senator",
    "general", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sheikh", "ayatollah",
    "secretary", "governor", "mayor", "emir", "sultan", "pope", "rabbi", "imam", "judge",
})
"""Titles that make the name after them a person, whatever the NER says ("Chancellor Scholz")."""

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
SPEAKER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})

ENT_TYPES = {
    "PERSON": "Person", "ORG": "Organization", "NORP": "Group", "GPE": "Location",
    "FAC": "Location", "LOC": "Location",
}
"""spaCy entity label → ``ActorType`` value (GPE becomes Country when a country)."""

# --------------------------------------------------------------------------
# Built-in gazetteer: canonical name, ISO-3 code, names, demonyms (adjective, people)

COUNTRIES = (
    ("United States", "USA", (
        "US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America",
        "the US", "the U.S.", "the United States", "the USA", "the States",
    ), ("American", "Americans")),
    ("United Kingdom", "GBR", (
        "UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "the UK", "the U.K.", "the United Kingdom",
    ), ("British", "Briton", "Britons")),
    ("Israel", "ISR", ("Israel", "State of Israel"), ("Israeli", "Israelis")),
    ("Iran", "IRN", ("Iran", "Islamic Republic of Iran", "Persia"), ("Iranian", "Iranians", "Persian")),
    ("Russia", "RUS", ("Russia", "Russian Federation", "the Russian Federation"), ("Russian", "Russians")),
    ("China", "CHN", ("China", "People's Republic of China", "PRC", "the PRC"), ("Chinese",)),
    ("France", "FRA", ("France",), ("French", "Frenchman")),
    ("Germany", "DEU", ("Germany",), ("German", "Germans")),
    ("Palestine", "PSE", (
        "Palestine", "State of Palestine", "Palestinian territories", "the Palestinian territories",
        "Palestinian Authority", "the Palestinian Authority",
    ), ("Palestinian", "Palestinians")),
    ("Lebanon", "LBN", ("Lebanon",), ("Lebanese",)),
    ("Syria", "SYR", ("Syria",), ("Syrian", "Syrians")),
    ("Iraq", "IRQ", ("Iraq",), ("Iraqi", "Iraqis")),
    ("Egypt", "EGY", ("Egypt",), ("Egyptian", "Egyptians")),
    ("Jordan", "JOR", ("Jordan",), ("Jordanian", "Jordanians")),
    ("Saudi Arabia", "SAU", ("Saudi Arabia", "KSA", "the Kingdom of Saudi Arabia"), ("Saudi", "Saudis")),
    ("Qatar", "QAT", ("Qatar",), ("Qatari", "Qataris")),
    ("United Arab Emirates", "ARE", ("the United Arab Emirates", "UAE", "the UAE"), ("Emirati", "Emiratis")),
    ("Turkey", "TUR", ("Turkey", "Türkiye", "Turkiye"), ("Turkish", "Turks")),
    ("Yemen", "YEM", ("Yemen",), ("Yemeni", "Yemenis")),
    ("Ukraine", "UKR", ("Ukraine", "the Ukraine"), ("Ukrainian", "Ukrainians")),
    ("India", "IND", ("India",), ("Indian", "Indians")),
    ("Pakistan", "PAK", ("Pakistan",), ("Pakistani", "Pakistanis")),
    ("Afghanistan", "AFG", ("Afghanistan",), ("Afghan", "Afghans")),
    ("Japan", "JPN", ("Japan",), ("Japanese",)),
    ("North Korea", "PRK", ("North Korea", "DPRK", "the DPRK"), ("North Korean", "North Koreans")),
    ("South Korea", "KOR", ("South Korea", "Republic of Korea", "ROK"), ("South Korean", "South Koreans")),
    ("Canada", "CAN", ("Canada",), ("Canadian", "Canadians")),
    ("Italy", "ITA", ("Italy",), ("Italian", "Italians")),
    ("Spain", "ESP", ("Spain",), ("Spanish", "Spaniards")),
    ("Poland", "POL", ("Poland",), ("Polish", "Poles")),
    ("Belarus", "BLR", ("Belarus",), ("Belarusian", "Belarusians")),
    ("Libya", "LBY", ("Libya",), ("Libyan", "Libyans")),
    ("Sudan", "SDN", ("Sudan",), ("Sudanese",)),
    ("Mexico", "MEX", ("Mexico",), ("Mexican", "Mexicans")),
    ("Brazil", "BRA", ("Brazil",), ("Brazilian", "Brazilians")),
    ("Venezuela", "VEN", ("Venezuela",), ("Venezuelan", "Venezuelans")),
    ("Cuba", "CUB", ("Cuba",), ("Cuban", "Cubans")),
    ("Australia", "AUS", ("Australia",), ("Australian", "Australians")),
    ("Kuwait", "KWT", ("Kuwait",), ("Kuwaiti", "Kuwaitis")),
    ("Bahrain", "BHR", ("Bahrain",), ("Bahraini", "Bahrainis")),
    ("Oman", "OMN", ("Oman",), ("Omani", "Omanis")),
    ("Algeria", "DZA", ("Algeria",), ("Algerian", "Algerians")),
    ("Morocco", "MAR", ("Morocco",), ("Moroccan", "Moroccans")),
    ("Tunisia", "TUN", ("Tunisia",), ("Tunisian", "Tunisians")),
    ("Ethiopia", "ETH", ("Ethiopia",), ("Ethiopian", "Ethiopians")),
    ("Nigeria", "NGA", ("Nigeria",), ("Nigerian", "Nigerians")),
    ("South Africa", "ZAF", ("South Africa",), ("South African", "South Africans")),
    ("Greece", "GRC", ("Greece",), ("Greek", "Greeks")),
    ("Netherlands", "NLD", ("Netherlands", "the Netherlands", "Holland"), ("Dutch",)),
    ("Belgium", "BEL", ("Belgium",), ("Belgian", "Belgians")),
    ("Sweden", "SWE", ("Sweden",), ("Swedish", "Swedes")),
    ("Norway", "NOR", ("Norway",), ("Norwegian", "Norwegians")),
    ("Ireland", "IRL", ("Ireland",), ("Irish",)),
    ("Cyprus", "CYP", ("Cyprus",), ("Cypriot", "Cypriots")),
    ("Armenia", "ARM", ("Armenia",), ("Armenian", "Armenians")),
    ("Azerbaijan", "AZE", ("Azerbaijan",), ("Azerbaijani", "Azerbaijanis", "Azeri")),
    ("Georgia", "GEO", ("Georgia",), ("Georgian", "Georgians")),
    ("Taiwan", "TWN", ("Taiwan",), ("Taiwanese",)),
    ("Vietnam", "VNM", ("Vietnam",), ("Vietnamese",)),
    ("Indonesia", "IDN", ("Indonesia",), ("Indonesian", "Indonesians")),
)
"""The commonest countries in international news (not exhaustive)."""

PEOPLE_GROUPS = frozenset({
    "Palestinians", "Israelis", "Americans", "Iranians", "Russians", "Ukrainians", "Lebanese",
    "Syrians", "Kurds", "Yazidis", "Rohingya", "Uyghurs", "Jews", "Arabs", "Muslims",
    "Christians", "Druze", "Bedouins", "Houthis",
})
"""Plural names of peoples kept as Group actors (the people, not the state)."""

INSTITUTIONS = (
    # name, canonical, type, ISO-3 of the country, CAMEO actor code
    ("White House", "White House", "Organization", "USA", "USAGOV"),
    ("the White House", "White House", "Organization", "USA", "USAGOV"),
    ("Pentagon", "Pentagon", "Organization", "USA", "USAMIL"),
    ("the Pentagon", "Pentagon", "Organization", "USA", "USAMIL"),
    ("State Department", "State Department", "Organization", "USA", "USAGOV"),
    ("the State Department", "State Department", "Organization", "USA", "USAGOV"),
    ("CIA", "CIA", "Organization", "USA", "USASPY"),
    ("Congress", "Congress", "Organization", "USA", "USALEG"),
    ("Kremlin", "Kremlin", "Organization", "RUS", "RUSGOV"),
    ("the Kremlin", "Kremlin", "Organization", "RUS", "RUSGOV"),
    ("Knesset", "Knesset", "Organization", "ISR", "ISRLEG"),
    ("IDF", "Israel Defense Forces", "Organization", "ISR", "ISRMIL"),
    ("Israel Defense Forces", "Israel Defense Forces", "Organization", "ISR", "ISRMIL"),
    ("Mossad", "Mossad", "Organization", "ISR", "ISRSPY"),
    ("Downing Street", "Downing Street", "Organization", "GBR", "GBRGOV"),
    ("Hamas", "Hamas", "Organization", "PSE", "PSEREB"),
    ("Hezbollah", "Hezbollah", "Organization", "LBN", "LBNREB"),
    ("Hizbollah", "Hezbollah", "Organization", "LBN", "LBNREB"),
    ("Houthis", "Houthis", "Group", "YEM", "YEMREB"),
    ("Houthi", "Houthis", "Group", "YEM", "YEMREB"),
    ("IRGC", "Islamic Revolutionary Guard Corps", "Organization", "IRN", "IRNMIL"),
    ("United Nations", "United Nations", "Organization", None, "IGOUNO"),
    ("the United Nations", "United Nations", "Organization", None, "IGOUNO"),
    ("UN", "United Nations", "Organization", None, "IGOUNO"),
    ("U.N.", "United Nations", "Organization", None, "IGOUNO"),
    ("the UN", "United Nations", "Organization", None, "IGOUNO"),
    ("NATO", "NATO", "Organization", None, "IGONAT"),
    ("European Union", "European Union", "Organization", None, "IGOEEC"),
    ("the European Union", "European Union", "Organization", None, "IGOEEC"),
    ("EU", "European Union", "Organization", None, "IGOEEC"),
    ("the EU", "European Union", "Organization", None, "IGOEEC"),
)
"""Institutions kept as their own actor, with the country they belong to."""

METONYMS = (
    # capital or seat used for the state: name, country canonical
    ("Washington", "United States"),
)
"""Names that, as an argument of a relation, stand for the country itself."""

LOCATIONS = (
    # places that are not countries: name, ISO-3 of the country they lie in
    ("Gaza", "PSE"), ("Gaza Strip", "PSE"), ("the Gaza Strip", "PSE"), ("West Bank", "PSE"),
    ("the West Bank", "PSE"), ("Jerusalem", None), ("Tel Aviv", "ISR"), ("Tehran", "IRN"),
    ("Beirut", "LBN"), ("Damascus", "SYR"), ("Baghdad", "IRQ"), ("Cairo", "EGY"),
    ("Moscow", "RUS"), ("Beijing", "CHN"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("London", "GBR"),
    ("Paris", "FRA"), ("Berlin", "DEU"), ("Crimea", "UKR"), ("Golan Heights", None),
)
"""Known places typed Location, with their country where uncontested."""
