"""Numbers as Indonesian readers write them: ``12.345`` (a dot between thousands)."""


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")
