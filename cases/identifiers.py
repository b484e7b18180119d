"""Identifier checks (sen2-and-identifiers.md): UPN, ULN, NHS number, URN and UKPRN.

Each `*_check` returns None when the value is valid, or a message saying which check failed.
Pure functions: no Django.
"""

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # check letters: never I, O or S
UPN_LENGTH = "UPN must be 13 characters (it has {n})"
UPN_FORBIDDEN_LETTER = "UPN cannot contain the letters I, O or S"
UPN_FIRST = "UPN must start with its check letter"
UPN_DIGITS = "UPN characters 2 to 12 must be digits"
UPN_LAST = "UPN must end in a digit, or a letter for a temporary UPN"
UPN_CHECK_LETTER = "UPN check letter is wrong: expected {expected}, found {found}"
ULN_FORMAT = "ULN must be 10 digits"
ULN_INVALID = "ULN is not valid: its check calculation gives a remainder of 0"
ULN_CHECK_DIGIT = "ULN check digit is wrong: expected {expected}, found {found}"
NHS_FORMAT = "NHS number must be 10 digits"
NHS_INVALID = "NHS number is not valid: its check digit would be 10"
NHS_CHECK_DIGIT = "NHS number check digit is wrong: expected {expected}, found {found}"
URN_FORMAT = "URN must be 6 digits"
UKPRN_FORMAT = "UKPRN must be 8 digits, starting with 1"

UPN_UNKNOWN_REASONS = {
    "UN1": "Under 6 and no UPN yet",
    "UN2": "Never in an English state-funded school",
    "UN3": "Educated outside England",
    "UN5": "Matching discrepancies",
    "UN8": "New to the council, not yet known",
    "UN9": "Never in state school or FE in England",
    "UN10": "Request closed before the UPN or ULN was known",
}


def _compact(value: str) -> str:
    return "".join((value or "").split())


def normalise_upn(value: str) -> str:
    return _compact(value).upper()


def upn_check_letter(body: str) -> str:
    """The check letter for characters 2-13: weights 2-13, mod 23 (a letter in position 13
    counts as its index in the check alphabet)."""
    total = 0
    for weight, char in enumerate(body, start=2):
        total += weight * (UPN_LETTERS.index(char) if char.isalpha() else int(char))
    return UPN_LETTERS[total % 23]


def upn_check(value: str) -> str | None:
    upn = normalise_upn(value)
    if len(upn) != 13:
        return UPN_LENGTH.format(n=len(upn))
    if set(upn) & set("IOS"):
        return UPN_FORBIDDEN_LETTER
    if upn[0] not in UPN_LETTERS:
        return UPN_FIRST
    if not upn[1:12].isdigit():
        return UPN_DIGITS
    if not (upn[12].isdigit() or upn[12] in UPN_LETTERS):
        return UPN_LAST
    expected = upn_check_letter(upn[1:])
    if upn[0] != expected:
        return UPN_CHECK_LETTER.format(expected=expected, found=upn[0])
    return None


def _mod11_remainder(digits: str) -> int:
    return sum((10 - index) * int(d) for index, d in enumerate(digits[:9])) % 11


def uln_check(value: str) -> str | None:
    uln = _compact(value)
    if len(uln) != 10 or not uln.isdigit():
        return ULN_FORMAT
    remainder = _mod11_remainder(uln)
    if remainder == 0:
        return ULN_INVALID
    expected = 10 - remainder
    if int(uln[9]) != expected:
        return ULN_CHECK_DIGIT.format(expected=expected, found=uln[9])
    return None


def nhs_number_check(value: str) -> str | None:
    number = _compact(value)
    if len(number) != 10 or not number.isdigit():
        return NHS_FORMAT
    check = 11 - _mod11_remainder(number)
    if check == 11:
        check = 0
    if check == 10:
        return NHS_INVALID
    if int(number[9]) != check:
        return NHS_CHECK_DIGIT.format(expected=check, found=number[9])
    return None


def urn_check(value: str) -> str | None:
    urn = _compact(value)
    return None if len(urn) == 6 and urn.isdigit() else URN_FORMAT


def ukprn_check(value: str) -> str | None:
    ukprn = _compact(value)
    return None if len(ukprn) == 8 and ukprn.isdigit() and ukprn[0] == "1" else UKPRN_FORMAT


def make_upn(*, la: int, establishment: int, year: int, serial: int) -> str:
    """A permanent UPN with a valid check letter (for demo data and tests)."""
    body = f"{la:03d}{establishment:04d}{year % 100:02d}{serial % 1000:03d}"
    return upn_check_letter(body) + body


def make_uln(prefix9: str) -> str:
    """A ULN with a valid check digit from nine digits (changing the first if needed)."""
    digits = prefix9
    while _mod11_remainder(digits) == 0:
        digits = f"{(int(digits[0]) % 9) + 1}{digits[1:]}"
    return digits + str(10 - _mod11_remainder(digits))


def make_nhs_number(prefix9: str) -> str | None:
    """An NHS number from nine digits, or None when no check digit exists for them."""
    check = 11 - _mod11_remainder(prefix9)
    if check == 10:
        return None
    return prefix9 + str(0 if check == 11 else check)
