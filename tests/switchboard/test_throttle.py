"""The login throttle's rules, on generated sequences of attempts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from agentdesk.switchboard.throttle import (
    PAIR_FAILURES,
    SOURCE_FAILURES,
    WINDOW_S,
    LoginThrottle,
    ThrottleVerdict,
)

attacks = st.lists(
    st.tuples(
        st.sampled_from(["10.0.0.1", "10.0.0.2", "10.0.0.3"]),
        st.sampled_from(["claire", "julien", "admin", "root"]),
        st.floats(0, 2 * WINDOW_S),
    ),
    max_size=200,
)


@given(attacks=attacks)
def test_attackers_never_keep_the_real_user_out(attacks: list[tuple[str, str, float]]) -> None:
    throttle = LoginThrottle()
    for source, login, at in sorted(attacks, key=lambda a: a[2]):
        if throttle.check(source, login, at) is not ThrottleVerdict.REFUSE:
            throttle.failed(source, login, at)
    # The real user signs in from their own desk: slowed at worst, never refused.
    assert throttle.check("192.168.1.20", "claire", 2 * WINDOW_S) is not ThrottleVerdict.REFUSE


@given(logins=st.lists(st.text(min_size=1, max_size=20), min_size=60, max_size=60, unique=True))
def test_a_source_guessing_many_accounts_is_stopped(logins: list[str]) -> None:
    throttle = LoginThrottle()
    verdicts = []
    for i, login in enumerate(logins):
        verdicts.append(throttle.check("10.0.0.9", login, float(i)))
        throttle.failed("10.0.0.9", login, float(i))
    assert verdicts[:SOURCE_FAILURES] == [ThrottleVerdict.TRY] * SOURCE_FAILURES
    assert set(verdicts[SOURCE_FAILURES:]) == {ThrottleVerdict.REFUSE}
    # The budget comes back with time.
    assert throttle.check("10.0.0.9", "claire", 60.0 + WINDOW_S) is ThrottleVerdict.TRY


def test_one_account_guessed_from_one_source_is_stopped_and_a_success_clears_it() -> None:
    throttle = LoginThrottle()
    for i in range(PAIR_FAILURES):
        assert throttle.check("10.0.0.1", "claire", float(i)) is ThrottleVerdict.TRY
        throttle.failed("10.0.0.1", "claire", float(i))
    assert throttle.check("10.0.0.1", "claire", 10.0) is ThrottleVerdict.REFUSE
    throttle.succeeded("10.0.0.1", "claire")
    assert throttle.check("10.0.0.1", "claire", 10.0) is ThrottleVerdict.TRY
