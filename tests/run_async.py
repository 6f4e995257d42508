"""Run a coroutine to completion from a test, even when another event loop
(Playwright's, in the browser tests) is running on this thread."""
import asyncio
import concurrent.futures


def run_async(coroutine):
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
