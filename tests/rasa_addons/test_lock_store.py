"""The lock store's waiting loop: a turn that waited behind a dead server's ticket is let through once
that ticket expires, even when its own expired in the same second."""
import asyncio
import time

from rasa.core.lock_store import InMemoryLockStore

from rasa_addons.lock_store import RequeueingLock


class Requeueing(RequeueingLock, InMemoryLockStore):
    pass


def wait_for_turn(store, timeout):
    async def turn():
        async with store.lock("resident", lock_lifetime=0.3, wait_time_in_seconds=0.5):
            return time.monotonic()
    return asyncio.run(asyncio.wait_for(turn(), timeout))


def test_a_turn_behind_a_dead_servers_ticket_goes_through_when_it_expires():
    store = Requeueing()
    store.issue_ticket("resident", 0.2)       # a server killed mid-turn: never released
    started = time.monotonic()
    finished = wait_for_turn(store, timeout=5)   # Rasa's own store waits here for ever
    assert finished - started < 2
    assert store.get_lock("resident") is None   # nothing left behind for the next turn


def test_turns_still_take_their_turn():
    store = Requeueing()
    order = []

    async def turn(name, hold):
        async with store.lock("resident", lock_lifetime=5, wait_time_in_seconds=0.05):
            order.append(name)
            await asyncio.sleep(hold)

    async def both():
        first = asyncio.create_task(turn("first", 0.3))
        await asyncio.sleep(0.05)
        await turn("second", 0)
        await first

    asyncio.run(both())
    assert order == ["first", "second"]


def test_rasas_own_store_would_have_waited_for_ever():
    """Why the class exists: the same situation with Rasa's lock store does not finish."""
    import pytest
    store = InMemoryLockStore()
    store.issue_ticket("resident", 0.2)
    with pytest.raises(asyncio.TimeoutError):
        wait_for_turn(store, timeout=3)
