

def selection_codes(oblast_args: list[str], country_args: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``--oblast``/``--country`` values (repeated or comma-separated) as ISO codes; a bad one raises
    :class:`~pobratymy.errors.ConfigurationError` naming it."""
    from ..errors import ConfigurationError
    from ..schema import UA_OBLAST_CODES

    def codes(values: list[str]) -> tuple[str, ...]:
        out: list[str] = []
        for v in values:
            for part in v.split(","):
                p = part.strip().upper()
                if p and p not in out:
                    out.append(p)
        return tuple(out)

    oblasts, countries = codes(oblast_args), codes(country_args)
    bad = [o for o in oblasts if o not in UA_OBLAST_CODES]
    if bad:
        raise ConfigurationError(f"--oblast {bad[0]!r} is not an ISO 3166-2:UA code such as UA-46")
    bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
    if bad:
        raise ConfigurationError(f"--country {bad[0]!r} is not an ISO 3166-1 alpha-2 code such as PL")
    return oblasts, countries
