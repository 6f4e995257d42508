"""bot.dialogue.reports.read_reports: one message that tells several reports."""
from datetime import date

import pytest

from bot.dialogue.language import ReportReader
from bot.dialogue.reports import read_reports
from bot.rules.policy import load_policy

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def reader():
    return ReportReader(load_policy())


def told(reader, text):
    return [(r.category, r.earliest, r.latest) for r in read_reports(text, TODAY, reader).reports]


def test_a_second_organisation_the_week_after_is_a_second_report_dated_from_the_first(reader):
    assert told(reader, "Wrote to the RSPCA about the dogs in the garden in October, and the council's animal "
                        "welfare people the week after") == [
        ("other", "2026-10-01", "2026-10-31"), ("council", "2026-10-05", "2026-11-10")]


def test_the_next_day_after_an_exact_date_is_exact(reader):
    assert told(reader, "I rang the police on 3 October and Barnet Homes the next day") == [
        ("police", "2026-10-03", "2026-10-03"), ("housing_provider", "2026-10-04", "2026-10-04")]


def test_a_few_days_later_is_a_short_range_after(reader):
    (_, first, _), (category, earliest, latest) = told(reader, "called 101 on the 5th of November, then the council "
                                                                "a few days later")
    assert first == "2026-11-05" and category == "council"
    assert "2026-11-06" <= earliest <= latest <= "2026-11-12"


def test_what_an_organisation_promised_later_is_not_a_report(reader):
    assert told(reader, "I reported it to the council in September and they said they'd call me the week "
                        "after") == [("council", "2026-09-01", "2026-09-30")]


@pytest.mark.parametrize("text, category", [
    ("I rang Barnet Council's ASB team in May", "council"),
    ("the council's noise team came out on 3 May", "council"),
    ("told Women's Aid in June", "other"),
    ("I reported it to RSPCA sometime in October", "other"),
])
def test_a_possessive_or_a_charity_names_the_organisation(reader, text, category):
    assert [c for c, _, _ in told(reader, text)] == [category]


@pytest.mark.parametrize("text, reference", [
    ("I reported it to the police and they gave me a number, 4417, I think the call was on the 9th of November",
     "4417"),
    ("rang the council, they gave me a number: 55201 on 3 November", "55201"),
    ("called 101 on 3 November and they gave me the number 07700 900123 to call back", None),  # a phone number
])
def test_a_number_they_gave_is_the_reference(reader, text, reference):
    assert [r.reference for r in read_reports(text, TODAY, reader).reports] == [reference]


def test_twice_in_a_month_at_the_start_and_at_the_end_is_two_parts_of_it(reader):
    assert told(reader, "Last month I rang the council twice, once at the start and once at the end") == [
        ("council", "2026-10-01", "2026-10-10"), ("council", "2026-10-21", "2026-10-31")]


def test_the_following_tuesday_is_the_first_tuesday_after_the_report_before(reader):
    assert told(reader, "I went to my councillor's surgery on Saturday 10 October, then to the police the "
                        "following Tuesday") == [("other", "2026-10-10", "2026-10-10"),
                                                 ("police", "2026-10-13", "2026-10-13")]
    assert told(reader, "I rang the police on Monday 2 November and the council on the Friday after")[1] == (
        "council", "2026-11-06", "2026-11-06")


def test_a_police_log_number_says_its_day_even_without_cad(reader):
    assert told(reader, "called police 101 a couple of weeks ago, ref 6631/11NOV") == [
        ("police", "2026-11-11", "2026-11-11")]


def test_how_many_times_to_each_organisation(reader):
    assert [c for c, _, _ in told(reader, "i reported it to the police 3 times last month and twice to barnet homes "
                                          "this month")] == ["police"] * 3 + ["housing_provider"] * 2
    assert [c for c, _, _ in told(reader, "I rang the police twice in October and the council once in November")] == [
        "police", "police", "council"]


def test_made_three_reports_all_since_the_summer(reader):
    assert told(reader, "I've made 3 reports, can't remember exactly when, but all since the summer and all to the "
                        "council") == [("council", "2026-06-01", "2026-11-26")] * 3
    # since the summer said of the problem is when it began, not a report's date
    assert told(reader, "it's been going on since the summer and I rang the council in October") == [
        ("council", "2026-10-01", "2026-10-31")]


def test_the_noise_service_the_night_the_clocks_went_back(reader):
    assert told(reader, "the night the clocks went back I called the noise service, nobody came") == [
        ("council", "2026-10-24", "2026-10-25")]


def test_every_saturday_is_a_habit_not_another_date(reader):
    assert told(reader, "I called the police on 8 August, 15 August and 22 August - every Saturday, same thing") == [
        ("police", "2026-08-08", "2026-08-08"), ("police", "2026-08-15", "2026-08-15"),
        ("police", "2026-08-22", "2026-08-22")]


def test_again_the_next_night_is_another_report_to_the_same_place(reader):
    assert told(reader, "Rang the police on Sunday 8th November and again the next night") == [
        ("police", "2026-11-08", "2026-11-08"), ("police", "2026-11-09", "2026-11-09")]


def test_the_housing_officer_spoken_to_there_is_the_same_report(reader):
    assert [c for c, _, _ in told(reader, "Reported it to Barnet Homes last Tuesday, spoke to my housing officer "
                                          "Sandra, she said she'd look into it")] == ["housing_provider"]
    assert len(told(reader, "I rang Barnet Homes on 3 October and then spoke to my housing officer on 10 October")) == 2


@pytest.mark.parametrize("text", ["I told Barnet Homes just before the kids went back to school",
                                  "rang Barnet Homes on the school run"])
def test_school_as_a_time_or_a_place_is_not_a_report(reader, text):
    assert [c for c, _, _ in told(reader, text)] == ["housing_provider"]


def test_the_school_told_is_a_report_that_does_not_count(reader):
    assert [c for c, _, _ in told(reader, "I reported it to the school and the council")] == ["other", "council"]


def test_the_other_day_is_a_date_not_someone_else(reader):
    reports = told(reader, "the lady opposite, Maureen, rang Barnet Homes the other day too")
    assert [c for c, _, _ in reports] == ["housing_provider"] and reports[0][1] is not None


def test_words_before_i_are_when_not_who(reader):
    text = "over the Notting Hill Carnival weekend I rang the council noise line"
    assert told(reader, text) == [("council", "2026-08-27", "2026-09-02")]
    assert read_reports(text, TODAY, reader).reports[0].reporter in (None, "the applicant")


def test_two_time_is_twice(reader):
    assert len(told(reader, "i tell housing 2 time in october, nobody answer me")) == 2


def test_a_count_then_each_date_is_one_report_per_date(reader):
    assert told(reader, "I've reported it to the police 3 times this year: in February, in June and last week") == [
        ("police", "2026-02-01", "2026-02-28"), ("police", "2026-06-01", "2026-06-30"),
        ("police", "2026-11-16", "2026-11-22")]


def test_a_count_belongs_to_the_date_said_with_it(reader):
    assert len(told(reader, "rang the police twice in October and once in November")) == 3
    assert len(told(reader, "called the police 3 times in October and again on 3 November")) == 4


def test_the_12th_that_was_in_october_is_one_date(reader):
    assert told(reader, "I told our SNT sergeant, Sgt Collins, at the community meeting on the 12th, that was in "
                        "October") == [("police", "2026-10-12", "2026-10-12")]
    assert len(told(reader, "rang the police on the 3rd and the council in October")) == 2


def test_one_reference_for_all_of_them(reader):
    told_ = read_reports("Rang Sanctuary Housing on the 2nd, 9th and 16th of this month, ref SH/11094 for all of them",
                         TODAY, reader)
    assert [r.reference for r in told_.reports] == ["SH/11094"] * 3


def test_and_again_on_a_date_is_the_same_organisation_not_the_next_one(reader):
    assert [c for c, _, _ in told(reader, "she rang the police on the 4th of October and again on 1 November, and I "
                                          "emailed Barnet Homes for her last week ref BH-20931")] == [
        "police", "police", "housing_provider"]


def test_an_earlier_report_in_the_sentence_is_not_who_made_the_next_one(reader):
    reports = read_reports("rang 101 twice in october and told the council on 12 November ref 55120", TODAY,
                           reader).reports
    assert len(reports) == 3 and all(r.reporter in (None, "the applicant") for r in reports)
    assert read_reports("Mr Singh at number 4 rang 101 on 2 October", TODAY, reader).reports[0].reporter == \
        "Mr Singh at number 4"


# -- held-out phrasings (holdout2): reports told as residents tell them ----------------------------------------

def _reports(reader, text):
    return read_reports(text, TODAY, reader).reports


def test_a_count_followed_by_its_days_is_those_days_only(reader):
    assert told(reader, "rang 101 twice last week, tuesday and saturday") == [
        ("police", "2026-11-17", "2026-11-17"), ("police", "2026-11-21", "2026-11-21")]
    # a count before one date of several still multiplies that date
    assert len(_reports(reader, "I rang the police twice in October and once on 3 November")) == 3


def test_one_date_or_another_is_one_report_in_between(reader):
    assert told(reader, "I think I rang the council on 31 October? or it might have been 1 November, "
                              "it was halloween weekend") == [("council", "2026-10-31", "2026-11-01")]


def test_the_same_day_said_again_in_other_words_is_one_report(reader):
    assert len(_reports(reader, "rang the police on the 3rd, it was a saturday")) == 1
    assert len(_reports(reader, "I rang 101 on 2 Nov, it was the night of the fireworks, and again on the 9th")) == 2


def test_the_weekday_before_that_is_the_week_before(reader):
    assert told(reader, "Last Thursday I called Barnet Homes and the Thursday before that too") == [
        ("housing_provider", "2026-11-19", "2026-11-19"), ("housing_provider", "2026-11-12", "2026-11-12")]


def test_a_numbered_list_in_lower_case_with_the_met(reader):
    reports = _reports(reader, "(1) met 5.9.26 cad3318 (2) met 19.9.26 cad 1150 (3) barnet homes 2.10.26 ref bh61120")
    assert [r.category for r in reports] == ["police", "police", "housing_provider"]
    assert [r.date for r in reports] == ["2026-09-05", "2026-09-19", "2026-10-02"]
    # the verb is not the police
    assert _reports(reader, "we met with the housing officer on 3 November")[0].category == "housing_provider"


def test_five_people_listed_each_with_their_report(reader):
    reports = _reports(reader, "My neighbour Pauline at 14 rang the council on 2 Nov, Mr Gill at 16 emailed Barnet "
                               "Homes on the 3rd, the Okonkwos at 18 rang 101 on the 5th, Shanice at 20 did the Met "
                               "online form on the 9th and old Mr Bryce at 11 wrote to the council on the 10th")
    assert [r.reporter for r in reports] == ["My neighbour Pauline at 14", "Mr Gill at 16", "the Okonkwos at 18",
                                             "Shanice at 20", "old Mr Bryce at 11"]
    assert not any(r.person for r in reports)  # Mr Gill made a report; he is not who Pauline dealt with
    reports = _reports(reader, "Ruth (flat 2) rang Barnet Homes 1/10, Dev (flat 7) rang 101 3/10 and I emailed "
                               "Barnet Homes 12/10")
    assert [r.reporter for r in reports] == ["Ruth (flat 2)", "Dev (flat 7)", "the applicant"]


def test_thats_all_i_wrote_down_is_not_a_list_of_people(reader):
    reports = _reports(reader, "rang the police, CAD 0117/21NOV, thats all i wrote down")
    assert len(reports) == 1 and not reports[0].reporter and reports[0].reference == "CAD 0117/21NOV"


def test_a_bank_holiday_in_a_month_then_its_day_is_one_report(reader):
    assert told(reader, "Called the police on the bank holiday Monday in May, the 25th") == [
        ("police", "2026-05-25", "2026-05-25")]
    assert told(reader, "rang 101 in the summer, on 3 August") == [("police", "2026-08-03", "2026-08-03")]


def test_a_place_someone_else_promised_to_contact_is_not_a_report(reader):
    reports = _reports(reader, "I told Cllr Novak at her surgery and she said she'd email Barnet Homes, that was 3 "
                               "weeks ago")
    assert [(r.category, r.date) for r in reports] == [("other", "2026-11-05")]
    reports = _reports(reader, "I told my councillor and she said she'd email Barnet Homes, that was 3 weeks ago")
    assert [(r.category, r.date) for r in reports] == [("other", "2026-11-05")]


def test_a_reference_for_the_first_one_goes_to_the_first(reader):
    reports = _reports(reader, "police 3 times - 4th oct, 18th oct and the 1st of this month. crime number for the "
                               "first one 6024417/26 and nothing for the others")
    assert [r.reference for r in reports] == ["6024417/26", None, None]


def test_a_place_not_in_the_policy_is_kept_as_named_and_its_kind_asked(reader):
    reports = _reports(reader, "reported it 5 weeks ago to the council and 4 weeks ago to Opendoor")
    assert [(r.organisation, r.category, r.ambiguous, r.date) for r in reports] == [
        ("the council", "council", False, "2026-10-22"), ("Opendoor", None, True, "2026-10-29")]
    # a person at a known place is not a place
    assert [r.organisation for r in _reports(reader, "I rang Lorraine at Barnet Homes on the 3rd")] == ["Barnet Homes"]


def test_dates_then_the_holiday_they_fell_in_are_those_dates(reader):
    assert [d for _c, d, _l in told(reader, "rang 101 on 24/5, 25/5 and 26/5, all the bank holiday weekend and the "
                                            "day after")] == ["2026-05-24", "2026-05-25", "2026-05-26"]


def test_a_count_with_the_latest_said_is_that_many_in_all(reader):
    assert told(reader, "about 3 times since september, most recently last night") == [
        (None, "2026-09-01", "2026-11-26"), (None, "2026-09-01", "2026-11-26"), (None, "2026-11-25", "2026-11-25")]
    assert len(told(reader, "rang the police 4 times since June, the last one on the 3rd")) == 4


def test_a_renamed_landlord_is_one_report(reader):
    assert [(r.organisation, r.date) for r in _reports(reader, "I emailed Catalyst (now Peabody) on 22 Sept")] == [
        ("Peabody", "2026-09-22")]


def test_one_case_reference_for_several_calls_to_one_place(reader):
    reports = _reports(reader, "Phoned Southern Housing on the 4th, 11th and 18th of November, case ref SHG-0091")
    assert [r.reference for r in reports] == ["SHG-0091"] * 3


def test_days_of_a_week_said_before_them(reader):
    assert told(reader, "last week I rang the police on the Tuesday and again on the Saturday") == [
        ("police", "2026-11-17", "2026-11-17"), ("police", "2026-11-21", "2026-11-21")]


def test_a_crime_number_is_the_polices(reader):
    assert told(reader, "crime ref 5209934/26 - that's from when they slashed my tyres, end of June") == [
        ("police", "2026-06-21", "2026-06-30")]


def test_when_it_happened_said_with_when_it_was_reported_is_the_incident_not_a_report(reader):
    reports = _reports(reader, "rang the police on 3 november about the fire on the 2nd")
    assert [(r.date, r.incident_date) for r in reports] == [("2026-11-03", "2026-11-02")]
    # said alone, the date is when it was reported
    assert [r.date for r in _reports(reader, "told the council about it on the 4th")] == ["2026-11-04"]


@pytest.mark.parametrize("text", ["the first was 101 on 3 October, ref 4455", "101 on 3 October, ref 4455",
                                  "it was 101 last week"])
def test_101_told_with_a_date_is_the_police(reader, text):
    told = read_reports(text, TODAY, reader)
    assert [r.category for r in told.reports] == ["police"]


def test_flat_101_is_not_the_police(reader):
    assert not read_reports("I live at flat 101 on the estate and they shout all night", TODAY, reader).reports


@pytest.mark.parametrize("text", ["L&Q ASB team 3 times: 6/8, 20/8 and 3/9", "I rang the L&Q ASB team on 6/8",
                                  "Barnet Homes's ASB team on 6/8"])
def test_a_landlords_asb_team_is_the_landlord_not_the_council(reader, text):
    assert {r.category for r in read_reports(text, TODAY, reader).reports} == {"housing_provider"}


def test_the_asb_team_alone_is_the_councils(reader):
    assert [r.category for r in read_reports("I rang the ASB team on 6/8", TODAY, reader).reports] == ["council"]


@pytest.mark.parametrize("text, days", [
    ("i emailed the asb team yesterday and the day before", ["2026-11-25", "2026-11-24"]),
    ("rang 101 on 3 October and the day after", ["2026-10-03", "2026-10-04"]),
    ("rang 101 on 3 October and the day before yesterday", ["2026-10-03", "2026-11-24"]),
])
def test_the_day_before_or_after_a_report_is_another_report(reader, text, days):
    assert [r.date for r in read_reports(text, TODAY, reader).reports] == days


def test_101_in_a_list_of_dates_is_the_police(reader):
    told = read_reports("During August: 101 on the 8th, the council on the 15th, 101 again on the 29th", TODAY, reader)
    assert [(r.category, r.date) for r in told.reports] == [("police", "2026-08-08"), ("council", "2026-08-15"),
                                                             ("police", "2026-08-29")]


def test_a_flat_numbered_101_is_still_not_the_police(reader):
    assert not read_reports("I live in flat 101 on the 3rd floor, they shout", TODAY, reader).reports


@pytest.mark.parametrize("text", ["I've emailed Clarion 4 times since july, the last was 2 weeks ago",
                                  "emailed Clarion 4 times since july, the latest being 2 weeks ago"])
def test_the_last_of_a_count_is_one_of_the_count(reader, text):
    told = read_reports(text, TODAY, reader)
    assert len(told.reports) == 4 and told.reports[-1].date == "2026-11-12"


def test_a_name_that_is_also_an_ordinary_word_is_never_guessed_from_lower_case(reader):
    assert not [r.organisation for r in read_reports("we took shelter in the doorway on 3 October", TODAY,
                                                     reader).reports if r.organisation]
    assert [r.organisation for r in read_reports("I rang Shelter on 3 October", TODAY, reader).reports] == ["Shelter"]


@pytest.mark.parametrize("text, told", [
    ("i reported it on the council website on the 8th and the 15th of this month and rang 101 on the 20th",
     [("council", "2026-11-08"), ("council", "2026-11-15"), ("police", "2026-11-20")]),
    ("told the police on the 3rd and on the 9th I rang the council", [("police", "2026-11-03"),
                                                                      ("council", "2026-11-09")]),
])
def test_a_second_date_after_and_belongs_to_the_organisation_before_it(reader, text, told):
    assert [(r.category, r.date) for r in read_reports(text, TODAY, reader).reports] == told


def test_times_each_given_a_date_are_reports_told_not_a_count(reader):
    told = read_reports("Last month I rang the council twice, once at the start and once at the end", TODAY, reader)
    assert len(told.reports) == 2 and not any(r.counted for r in told.reports)
    assert all(r.counted for r in read_reports("I've rung the police about 3 times since September", TODAY,
                                                reader).reports)


@pytest.mark.parametrize("text, dates", [
    ("Ref ENV/2026/0456, the officer was Mr Patel from environmental health, he came round on the Friday", [None]),
    ("emailed the council on 3 October and an officer came out on the 10th", ["2026-10-03"]),
    ("I rang the police on the 3rd and they came round on the 4th", ["2026-11-03"]),
])
def test_the_day_they_came_round_is_what_happened_after_not_a_report(reader, text, dates):
    assert [r.date for r in read_reports(text, TODAY, reader).reports] == dates


@pytest.mark.parametrize("text, expected", [
    ("emailed community safety 2 wks ago", [("council", "2026-11-12", "2026-11-12")]),
    ("reported to the council an hour ago", [("council", "2026-11-26", "2026-11-26")]),
    ("rang 101 a few hours ago", [("police", "2026-11-26", "2026-11-26")]),
    ("Told the Safer Neighbourhoods sergeant at the Hendon ward meeting on 14 October",
     [("police", "2026-10-14", "2026-10-14")]),
    ("Yesterday morning I spoke to my housing officer, Mrs Achterberg, at One Housing",
     [("housing_provider", "2026-11-25", "2026-11-25")]),
    ("i spoke to the concierge in our block on monday, its a private management company",
     [("other", "2026-11-23", "2026-11-23")]),
    ("my landlords private, I told him in june, he just shrugged", [("other", "2026-06-01", "2026-06-30")]),
])
def test_who_was_told_and_when_in_words_people_use(reader, text, expected):
    assert told(reader, text) == expected


def test_a_housing_officer_at_a_named_provider_is_that_provider_not_a_question(reader):
    (report,) = read_reports("Yesterday morning I spoke to my housing officer, Mrs Achterberg, at One Housing", TODAY,
                             reader).reports
    assert report.organisation == "One Housing" and not report.ambiguous and report.person == "Mrs Achterberg"


@pytest.mark.parametrize("text, expected", [
    # what the organisation did after, and when the problem came back, are not reports
    ("Reported it to the council's Street Scene team on 3 Nov, they cleared the mattresses on the 5th and it was "
     "back by the weekend", [("council", "2026-11-03", "2026-11-03")]),
    ("rang 101 on 3rd Sept and a PC from Hendon SNT, PC Vaughan, rang me back on the 10th",
     [("police", "2026-09-03", "2026-09-03")]),
    ("rang 101 on the 2nd, visited the Barnet Homes office on the 9th",
     [("police", "2026-11-02", "2026-11-02"), ("housing_provider", "2026-11-09", "2026-11-09")]),
    # a month said once for the bare days before it
    ("I called the council on the 2nd and then again on the 16th, both in September",
     [("council", "2026-09-02", "2026-09-02"), ("council", "2026-09-16", "2026-09-16")]),
    ("rang 101 on the 3rd and in September", [("police", "2026-11-03", "2026-11-03"),
                                              ("police", "2026-09-01", "2026-09-30")]),
    # a weekday of a bank holiday weekend is one date
    # England has two May bank holidays: "the May bank holiday" could be either
    ("reported to Barnet Homes on the Saturday of the May bank holiday weekend",
     [("housing_provider", "2026-05-02", "2026-05-23")]),
    ("I rang the police the day after the bank holiday in May", [("police", "2026-05-05", "2026-05-26")]),
    ("rang 101 the day after the early May bank holiday", [("police", "2026-05-05", "2026-05-05")]),
    ("emailed the council the day after Boxing Day", [("council", "2025-12-27", "2025-12-27")]),
    ("told the police the Tuesday after the August bank holiday", [("police", "2026-09-01", "2026-09-01")]),
])
def test_one_date_per_report_in_the_words_people_use(reader, text, expected):
    assert told(reader, text) == expected


def test_a_case_number_said_once_is_every_report_of_that_case(reader):
    reports = read_reports("Reported to One Housing on the 6th and 20th of this month, case OHG-22910", TODAY,
                           reader).reports
    assert [r.reference for r in reports] == ["OHG-22910", "OHG-22910"]
    reports = read_reports("rang 101 on the 3rd and the 10th, ref 5521", TODAY, reader).reports
    assert [r.reference for r in reports] == [None, "5521"]


def test_a_post_that_tags_the_council_is_not_a_report_to_it(reader):
    assert told(reader, "I put it on the Mill Hill Facebook group and tagged Barnet Council, that was about a month "
                        "ago") == [("other", "2026-10-11", "2026-11-10")]


@pytest.mark.parametrize("text, expected", [
    ("I reported it to the police in the first week of September and to Clarion in the last week",
     [("police", "2026-09-01", "2026-09-07"), ("housing_provider", "2026-09-24", "2026-09-30")]),
    ("rang the police in the first week of October and the council again last week",
     [("police", "2026-10-01", "2026-10-07"), ("council", "2026-11-16", "2026-11-22")]),
])
def test_the_last_week_after_a_week_of_a_month_is_that_months(reader, text, expected):
    assert told(reader, text) == expected


def test_the_last_of_a_count_said_later_in_the_sentence_is_one_of_the_count(reader):
    reports = read_reports("rang peabody's ASB line 3 times since the summer, only the last one got a ref, that was "
                           "2 weeks ago, PEA-556102", TODAY, reader).reports
    assert len(reports) == 3 and [r.reference for r in reports].count("PEA-556102") == 1
    assert str(reports[-1].date) == "2026-11-12"


@pytest.mark.parametrize("text, reporter", [("Mrs Rahimi at no. 12 rang the council on 4 Oct", "Mrs Rahimi at no. 12"),
                                            ("Mr. Singh at number 4 rang 101 on 2 May", "Mr. Singh at number 4")])
def test_a_neighbour_named_with_a_dot_is_who_reported(reader, text, reporter):
    (report,) = read_reports(text, TODAY, reader).reports
    assert report.reporter == reporter and report.person is None


def test_a_message_to_the_council_on_facebook_is_a_report_to_the_council(reader):
    assert told(reader, "Messaged Barnet Council on Facebook on 2 Nov, got no reply") == [
        ("council", "2026-11-02", "2026-11-02")]
    assert told(reader, "posted on Facebook on 2 Nov") == [("other", "2026-11-02", "2026-11-02")]


def test_a_half_remembered_reference_is_not_recorded(reader):
    assert [r.reference for r in read_reports("rang 101 on the 12th, maybe CAD 19-something?", TODAY,
                                              reader).reports] == [None]
    assert [r.reference for r in read_reports("rang 101, CAD 1923/12NOV", TODAY, reader).reports] == ["CAD 1923/12NOV"]


@pytest.mark.parametrize("text, expected", [
    ("reported it to Barnet Homes a couple of weeks after Easter", [("housing_provider", "2026-04-15", "2026-04-23")]),
    ("rang the police 2 weeks after the August bank holiday", [("police", "2026-09-10", "2026-09-18")]),
])
def test_weeks_from_a_holiday(reader, text, expected):
    assert told(reader, text) == expected


@pytest.mark.parametrize("text", ["i rang the police on the 101 number in august, they gave me a reference 5521/08/2026",
                                  "reported it to the police via 101 on 3 August, ref 5521/08/2026",
                                  "called the police by ringing 101 on 3 August, ref 5521/08/2026"])
def test_the_police_on_101_is_one_report(reader, text):
    # the number is how it was reported, not a second report
    (report,) = read_reports(text, TODAY, reader).reports
    assert report.category == "police" and report.reference == "5521/08/2026" and report.earliest.startswith("2026-08")


def test_two_organisations_one_after_the_other_stay_two_reports(reader):
    assert [r.category for r in read_reports("reported it to Barnet Homes on the 12th and the police on the 14th",
                                             TODAY, reader).reports] == ["housing_provider", "police"]


def test_a_second_person_who_rang_them_the_same_night_is_a_second_report(reader):
    # from a resident's script written without the code: Lisa's report was lost, and with it the fifth person
    told = read_reports("dave at 31 rang the police a fortnight ago and his wife lisa rang them separately the same "
                        "night, they didnt get refs", TODAY, reader).reports
    assert [(r.reporter, r.category, r.date) for r in told] == [("dave at 31", "police", "2026-11-12"),
                                                                 ("his wife lisa", "police", "2026-11-12")]


@pytest.mark.parametrize("text", ["I rang the police on 3 November and they came out",
                                  "I reported it to the council on 3 October and they logged it",
                                  "Rang the police on 3 November and then rang them again on the 10th"])
def test_the_same_report_or_the_same_person_again_is_not_someone_else(reader, text):
    assert not any(r.reporter and r.reporter not in ("the applicant",) for r in read_reports(text, TODAY,
                                                                                                reader).reports)


def test_a_report_introduced_with_me_and_a_dash_is_the_applicants(reader):
    (report,) = read_reports("me - rang 101 on 16/11 ref CAD 5120/16NOV", TODAY, reader).reports
    assert report.reporter == "the applicant"


@pytest.mark.parametrize("text, category", [
    ("the 101 one i said, then barnet homes end of sept spoke to a housing officer called dean no ref number",
     "housing_provider"),
    ("the police one from before, and the council on 3 Nov", "council")])
def test_a_report_pointed_back_to_is_not_told_again(reader, text, category):
    # from a resident's script written without the code: "the 101 one i said" took Barnet Homes' date and lost it
    (report,) = read_reports(text, TODAY, reader).reports
    assert report.category == category and report.date


@pytest.mark.parametrize("text, day", [
    ("i rang the housing in the summer hols, mid august, spoke to a Mark, he gave me GEN-448812", "2026-08-15"),
    ("I rang the police in October, on the 14th I think", "2026-10-14")])
def test_a_date_said_and_then_narrowed_is_one_report(reader, text, day):
    # from a persona written without the code: "in the summer hols, mid august" was two reports
    (report,) = read_reports(text, TODAY, reader).reports
    assert report.date == day


def test_two_dates_in_turn_are_still_two_reports(reader):
    assert len(read_reports("rang the police in October and again in November", TODAY, reader).reports) == 2


def test_a_report_told_to_a_police_officer_by_rank_is_to_the_police(reader):
    # from a persona written without the code: "told PC Murray at the ward panel meeting" was "someone"
    (report,) = read_reports("Graham Wells told PC Murray at the ward panel meeting on 8 Oct", TODAY, reader).reports
    assert report.category == "police" and report.reporter == "Graham Wells"


def test_me_and_my_name_is_the_applicant(reader):
    (report,) = read_reports("Me, Sandra Okafor, rang 101 on 30 September", TODAY, reader).reports
    assert report.reporter == "the applicant"


def test_telling_officers_who_came_is_one_report_by_the_applicant(reader):
    # from a persona written without the code: "and I went out and told them" became a second report by
    # "I went out and"
    told = read_reports("Then in October, the 2nd, two officers from the Safer Neighbourhood Team came to the street "
                        "because of something else and I went out and told them all of it, one was PC Okafor",
                        TODAY, reader).reports
    assert len(told) == 1 and told[0].category == "police"


def test_the_police_officer_at_school_is_the_police_not_the_school(reader):
    # from a persona written without the code: two reports, the police undated and the school dated
    (report,) = read_reports("told the police officer at school. after half term idk like the week after", TODAY,
                             reader).reports
    assert report.category == "police" and report.date


def test_the_police_and_the_school_are_two(reader):
    assert len(read_reports("rang the police and the school on the 3rd", TODAY, reader).reports) == 2


def test_a_reply_the_next_week_is_not_a_report_and_the_name_is_not_the_verb(reader):
    # from a persona written without the code: "a man called Dean replied the next week" was a second report, and
    # the person dealt with was "Dean Replied"
    (report,) = read_reports("Then I emailed the council on the 20th of August and a man called Dean replied the "
                             "next week saying they had logged it", TODAY, reader).reports
    assert report.date == "2026-08-20" and report.person == "Dean"


def test_a_report_the_next_week_is_still_a_report(reader):
    assert len(read_reports("emailed the council on 20 August and rang the police the next week", TODAY,
                            reader).reports) == 2
