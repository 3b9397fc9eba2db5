"""python -m i18n update | check | compile (see i18n/catalogues.py)."""
import sys

from i18n import LANGUAGES, SOURCE
from i18n.catalogues import compile_all, problems, template, update


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
        print("Catalogues updated: translate the empty and fuzzy entries, then run `python -m i18n check`.")
        return 0
    if command == "compile":
        for path in compile_all():
            print(f"compiled {path.parent.parent.name}/{path.parent.name}/{path.name}")
        return 0
    if command == "check":
        tmpl = template()
        found = [p for lang in LANGUAGES if lang != SOURCE for p in problems(lang, tmpl)]
        print("\n".join(found) or f"Every one of the {len(tmpl)} messages is translated in every language.")
        return 1 if found else 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


sys.exit(main(sys.argv[1:]))
