"""Grammatical gender of person mentions, for matching "he"/"she" to a name.

English marks gender on third-person singular pronouns only, so a name is
matched to "she" through what the text says of the person: a gendered title
("Mrs", "Sir", "Queen"), a gendered noun in apposition or as a modifier ("her
husband, Tom Reyes"; "actress Ana Lima"), or a common given name. The given
names below are our own list of frequent unambiguous first names (names used
for both sexes, "Jordan", "Alex", "Kim", are left out, so they stay unknown);
unknown is compatible with either pronoun.
"""

from __future__ import annotations

__all__ = ["MALE", "FEMALE", "pronoun_gender", "word_gender", "given_name_gender"]

MALE, FEMALE = "m", "f"

_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})

_MALE_WORDS = frozenset("""
mr mr. sir lord king prince duke earl baron count emperor sultan emir sheikh pope father brother son
husband boyfriend fiance uncle nephew grandfather grandson man boy gentleman actor waiter monk priest
bishop archbishop cardinal rabbi ayatollah imam chairman spokesman congressman businessman sportsman
policeman fireman widower stepfather stepson dad daddy godfather patriarch tsar czar shah pharaoh
""".split())

_FEMALE_WORDS = frozenset("""
mrs mrs. ms ms. miss madam madame dame lady queen princess duchess countess baroness empress mother
sister daughter wife girlfriend fiancee aunt niece grandmother granddaughter woman girl actress waitress
nun chairwoman spokeswoman congresswoman businesswoman sportswoman policewoman widow stepmother
stepdaughter mom mum mommy godmother matriarch tsarina heroine hostess heiress
""".split())

_MALE_NAMES = frozenset("""
aaron abdul abraham adam adrian ahmed alan albert alberto alejandro alexander alexandre alfred alfredo ali
allen alonso alvaro amir anders andre andreas andrew andrei andres angelo anthony anton antonio archibald
arnold arthur arturo august augustus barry bart benjamin bernard bernardo bill billy bob bobby boris brad
bradley brandon brendan brett brian bruce bruno bryan burt byron calvin carl carlo carlos cedric charles
charlie chris christian christoph christopher chuck claude clarence clark claus clifford clint clyde colin
conrad craig curtis cyril dale damian dan daniel danny darren dave david dean dennis derek desmond diego
dieter dimitri dmitri dominic don donald doug douglas duncan dustin dwight earl eddie edgar edmund eduardo
edward edwin elias elijah elliot emil emilio enrique eric erik ernest ernesto ernst ethan eugene evan fabio
felipe felix fernando filippo floyd francesco francis francisco frank franklin franz fred freddie frederick
friedrich gabriel gareth garry gary gavin geoffrey george gerald gerard gerhard giorgio giovanni giuseppe
glen glenn gordon graham grant greg gregory guillaume gunther gustav gustavo guy hans harold harry harvey
hassan heinrich helmut henri henrik henry herbert herman howard hugh hugo ian igor isaac ivan jack jacob
jacques jake james jamie jan jason javier jay jeff jeffrey jeremy jerome jerry jesse jim jimmy joachim joe
joel johan johann johannes john johnny jon jonathan jorge jose josef joseph joshua juan julian julius justin
karl keith kenneth kevin klaus kurt lance larry lars laurence lawrence lee leo leon leonard leonardo leopold
lewis liam lionel lloyd lorenzo louis lucas ludwig luigi luis luke malcolm manuel marc marcel marco marcus
mario mark martin marvin matt matthew matthias maurice max maximilian michael michel miguel mike mikhail
miles mohamed mohammad mohammed muhammad murray nathan nathaniel neil nelson nicholas nick nicolas nigel
niklas nikolai noah norman oliver omar oscar oswald otto owen pablo patrick paul pedro per percy peter
philip philippe phillip pierre pietro rafael ralph ramon randy raul ray raymond reginald richard rick
ricky robert roberto rodney roger roland ronald ronnie ross roy rudolf rudolph russell ryan salvador sam
samuel scott sean sebastian sergei sergio seth shane sidney simon stanley stefan stephen steve steven
stuart sven ted terry theodore thomas tim timothy toby todd tom tommy tony travis trevor troy tyler ulrich
victor vincent vincenzo vladimir walter warren wayne werner wilhelm will william willie wolfgang xavier
yuri zachary
""".split())

_FEMALE_NAMES = frozenset("""
abigail ada adele adriana agnes aisha alessandra alexandra alice alicia alison amanda amber amelia amy ana
anastasia andrea angela angelica angelina anita ann anna anne annette annie antonia april arlene audrey
barbara beatrice beatriz belinda bernadette beth betty beverly bianca brenda bridget brigitte brittany
camilla carla carmen carol carole caroline carolyn catherine cecilia celia charlotte cheryl chloe christina
christine cindy claire clara claudia colleen connie constance cynthia daisy dana daniela danielle daphne
deborah debra denise diana diane dolores donna doris dorothy edith eileen elaine eleanor elena elisabeth
elise eliza elizabeth ella ellen eloise elsa emily emma erica erika esther eva evelyn fatima felicity fiona
florence frances francesca gabriela gabrielle geraldine gertrude gina giulia gladys gloria grace greta
gwendolyn hannah harriet heather heidi helen helena hilary hilda holly ingrid irene iris isabel isabella
isabelle jacqueline jane janet janice jasmine jean jeanne jennifer jenny jessica jill joan joanna joanne
josephine joyce judith judy julia julie juliet june karen katarina kate katherine kathleen kathryn kathy
katie katrina kelly kirsten kristen laura lauren leah lena linda lisa liz lois lorraine louise lucia lucy
lydia lynn madeleine madeline magdalena maggie margaret margarita maria marie marilyn marina marion
marjorie martha mary maureen megan melanie melissa mia michelle mildred miranda molly monica monika nadia
nancy naomi natalia natalie natasha nicole nina nora norma olga olivia pamela patricia paula pauline
peggy penelope penny phyllis priscilla rachel rebecca regina renee rita roberta rosa rosalind rose
rosemary ruth sabine sally samantha sandra sara sarah sharon sheila shirley silvia simone sofia sonia
sophia sophie stella stephanie susan susanne suzanne svetlana sylvia tamara tanya teresa theresa tina
tracy ursula valentina valerie vanessa vera veronica victoria virginia vivian wendy yvonne zoe
""".split())


def pronoun_gender(word: str) -> str | None:
    """``MALE`` for he/him/his/himself, ``FEMALE`` for she/her/hers/herself, else None."""
    word = word.lower()
    return MALE if word in _MALE_PRONOUNS else FEMALE if word in _FEMALE_PRONOUNS else None


def word_gender(word: str) -> str | None:
    """The gender a title or person noun marks ("Mrs", "actress", "husband"), else None."""
    word = word.lower()
    return MALE if word in _MALE_WORDS else FEMALE if word in _FEMALE_WORDS else None


_GENDER_WORDS = _MALE_WORDS | _FEMALE_WORDS


def given_name_gender(name: str) -> str | None:
    """The gender of a frequent first name at the start of ``name`` ("Maria Lopez" → FEMALE), else None."""
    words = [w for w in name.replace(".", ". ").split() if w.lower() not in _GENDER_WORDS]
    if not words:
        return None
    first = words[0].lower()
    return MALE if first in _MALE_NAMES else FEMALE if first in _FEMALE_NAMES else None
