import pytest

from cases import identifiers as ids


@pytest.mark.parametrize(
    "upn", ["H801200001001", "G80120000101A", "B801200005001", " h801200001001 "]
)
def test_valid_upns(upn):
    assert ids.upn_check(upn) is None


@pytest.mark.parametrize(
    "upn, message",
    [
        ("H801200001002", "check letter is wrong: expected"),
        ("A801200001001", "check letter is wrong"),
        ("H80120000100", "13 characters"),
        ("I801200001001", "I, O or S"),
        ("H8012000O1001", "I, O or S"),
        ("H80120000X001", "characters 2 to 12 must be digits"),
        ("1801200001001", "start with its check letter"),
    ],
)
def test_invalid_upns_say_which_check_failed(upn, message):
    assert message in ids.upn_check(upn)


def test_uln_checks():
    assert ids.uln_check("1000000043") is None
    assert "not valid" in ids.uln_check("1000000063")
    assert "check digit is wrong" in ids.uln_check("1000000044")
    assert "10 digits" in ids.uln_check("10000000")


def test_nhs_number_checks():
    assert ids.nhs_number_check("9434765919") is None
    assert "check digit is wrong: expected 9, found 8" in ids.nhs_number_check("9434765918")
    assert "10 digits" in ids.nhs_number_check("94347659")
    # 100000000x: 10*1 = 10, remainder 10, check 11 - 10 = 1
    assert ids.nhs_number_check("1000000001") is None


def test_an_nhs_number_whose_check_would_be_10_is_invalid():
    prefix = next(
        f"{n:09d}" for n in range(100000000, 100001000) if ids.make_nhs_number(f"{n:09d}") is None
    )
    assert "check digit would be 10" in ids.nhs_number_check(prefix + "0")


def test_generated_identifiers_pass_their_checks():
    for serial in range(200):
        assert (
            ids.upn_check(
                ids.make_upn(la=873, establishment=2001 + serial, year=2019, serial=serial)
            )
            is None
        )
        assert ids.uln_check(ids.make_uln(f"{123456780 + serial:09d}")) is None


def test_urn_and_ukprn():
    assert ids.urn_check("100001") is None and ids.urn_check("10001") == ids.URN_FORMAT
    assert ids.ukprn_check("10012345") is None and ids.ukprn_check("20012345") == ids.UKPRN_FORMAT
