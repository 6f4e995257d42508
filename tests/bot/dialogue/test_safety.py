"""bot.dialogue.safety: danger happening now goes to 999; what keeps happening, or happened, is for the Community Trigger."""
import pytest

from bot.dialogue.safety import in_danger_now


@pytest.mark.parametrize("text", [
    "they're outside my door banging on it",
    "someone is smashing my windows right now",
    "kids outside the house kicking the door",
    "they keep banging on my door right now",          # a habit, but happening now
    "he's got a knife",
    "help me",
    "they're trying to break in",
    "we're not safe",
    "they were here yesterday and now they're kicking the door in",
    "someone is in my flat",
    "I can hear glass smashing downstairs and my kids are in the flat on their own",
    "someone's trying to climb onto my balcony",
    "a man is climbing over our garden fence",
])
def test_danger_now(text):
    assert in_danger_now(text)


@pytest.mark.parametrize("text", [
    "hi, the lads outside the flats keep dealing drugs and smashing bottles",
    "they keep smashing bottles outside my house every night",
    "every night they are outside my house shouting at us",
    "they were kicking the door last night",
    "they threatened us last week",
    "loud music every weekend for months",
    "the kids keep climbing over the wall into the garden",
    "we can hear them shouting through the wall every night",
    "they were climbing on the balcony last summer",
    "",
])
def test_not_danger_now(text):
    assert not in_danger_now(text)


# Danger happening now, as people type it in the middle of the questions.
@pytest.mark.parametrize("text", [
    "He's at my door right now", "they've just smashed my window", "he's just punched my son",
    "there's a fight outside and someone's bleeding", "my son is being attacked",
    "I can hear him coming up the stairs, I'm scared", "he's waiting for me downstairs and I can't get out",
    "they are outside my house now", "he's outside again shouting, I'm frightened", "someone is banging on my door",
])
def test_danger_now_in_more_words(text):
    assert in_danger_now(text)


# What keeps happening, or happened, is what the Community Trigger is for: no 999 for these.
@pytest.mark.parametrize("text", [
    "they are always outside my house", "they hang around outside my house every night",
    "he was at my door last night", "there was a fight outside last week", "I'm scared to leave the house",
    "I can hear them every night through the wall", "he's been outside my house a few times this month",
    "they were banging on my door at 3am on Saturday", "we're not in danger right now",
    "the kids throw stones at my window every weekend",
])
def test_not_danger_now_in_more_words(text):
    assert not in_danger_now(text)


@pytest.mark.parametrize("text", [
    "kids on the estate keep kicking footballs at my windows and swearing at me",
    "they keep hitting my car", "the youths keep attacking people at the bus stop every weekend",
])
def test_violence_that_keeps_happening_is_not_an_emergency_now(text):
    assert not in_danger_now(text)


@pytest.mark.parametrize("text", [
    "they keep kicking my door right now", "help!", "I'm hiding, he keeps shouting",
])
def test_but_now_or_a_cry_for_help_still_is(text):
    assert in_danger_now(text)


def test_someone_hurt_a_moment_ago_is_danger_but_counted_past_attacks_are_not():
    assert in_danger_now("my son's been stabbed outside")
    assert not in_danger_now("he's been attacked twice this year")
    assert in_danger_now("he is outside my door right now, he has attacked me three times before")


@pytest.mark.parametrize("text", [
    "I can smell smoke from next door and they're shouting they'll burn us out",
    "there's smoke coming under the door",
    "she's on her own and they're outside her door now, I'm on the phone to her",
    "they're outside my mum's door now",
    "he's texting that he's going to kill me",
])
def test_fire_a_threat_being_made_and_someone_at_another_persons_door_are_danger_now(text):
    assert in_danger_now(text)


@pytest.mark.parametrize("text", [
    "No, not now. He threatened me with a knife on 2 November but he was arrested and he's on bail",
    "they keep shouting they'll burn us out",
    "not right now, they threatened to burn the car on the 3rd",
    "the bonfire smoke every weekend comes into the flat",
])
def test_not_now_a_dated_threat_and_a_habit_are_not_danger_now(text):
    assert not in_danger_now(text)


@pytest.mark.parametrize("text, danger", [
    ("someone just threw a brick through my front window", True),
    ("they just smashed my car window", True),
    ("last week someone threw a brick through my window", False),
])
def test_just_now_violence_is_danger_and_last_weeks_is_not(text, danger):
    assert in_danger_now(text) is danger


@pytest.mark.parametrize("text", ["he's got my daughter cornered on the stairs", "they've cornered my son by the bins",
                                  "he has me pinned against the wall", "a gang are surrounding my husband outside"])
def test_someone_held_where_they_cant_get_away_is_danger(text):
    assert in_danger_now(text)


@pytest.mark.parametrize("text", ["they cornered my son last week on the way home",
                                  "the lads sit on the wall and won't let people past",
                                  "they keep cornering kids on the way home from school"])
def test_being_cornered_before_or_as_a_habit_is_not_danger_now(text):
    assert not in_danger_now(text)


@pytest.mark.parametrize("text, danger", [
    ("the doors going, theyre booting it", True),
    ("they are booting the door", True),
    ("they were booting the door last week", False),
    ("kids kicking a football against my wall", False),
    ("lads hitting the bins with sticks", False),
    ("he is kicking my son", True),
])
def test_a_door_being_kicked_in_is_danger_and_a_ball_against_a_wall_is_not(text, danger):
    assert in_danger_now(text) is danger


@pytest.mark.parametrize("text, danger", [
    ("Glass all over the pavement, noise till 1am, my wife is anxious", False),  # a persona's "how it affects you"
    ("glass everywhere on the street again this morning", False),
    ("omg glass everywhere theyve put the window through", True),
    ("glass all over the floor they smashed the window", True)])
def test_glass_in_the_street_is_the_mess_left_and_glass_in_the_home_is_danger(text, danger):
    assert in_danger_now(text) is danger
