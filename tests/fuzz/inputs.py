"""Hostile inputs for the fuzz campaign: seeds, a hostile alphabet, mutations and specs made from scratch.

Every input is a pure function of (campaign seed, pass, index), so a failure found by a worker can be
regenerated anywhere from its index.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mlsd_dsl.model.kinds import KINDS, Kind
from mlsd_dsl.model.schema import (
    BOOL,
    DURATION,
    IDENT,
    INTEGER,
    LIST,
    METRIC,
    NUMBER,
    PERCENT,
    RATE,
    REF,
    SECTION_ATTRIBUTES,
    SIZE,
    STRING,
    AttributeSpec,
)

REPO = Path(__file__).resolve().parents[2]

# --- the hostile alphabet -------------------------------------------------------------------------

KEYWORDS = ["system", "group", "import", "requirements", "framing", "evaluation", "true", "false"]
KIND_WORDS = [kind.value for kind in Kind]
CONTROL = [chr(code) for code in (*range(0x00, 0x09), 0x0B, 0x0E, 0x1B, 0x1F, 0x7F, 0x85, 0x9B)]
ODD_CHARACTERS = [
    "\x00",
    "\r",
    "\f",
    "\v",
    "\t",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\u2029",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\u0301",
    "\U0001f600",
    "\U0010ffff",
    "é",
    "ß",
    "İ",
    "\ufffd",
    "<",
    ">",
    "&",
    "'",
    "`",
    "$",
    "%",
    "\\",
    '"',
    "#",
    "@",
    "/",
    "*",
    "|",
    ";",
    "=",
    "~",
]
STRUCTURE = ["{", "}", "[", "]", ":", ",", "->", "-", '"', "#", "\n", " ", "@", "/", "%", "."]
ODD_NUMBERS = [
    "0",
    "-0",
    "-1",
    "1e309",
    "9" * 400,
    "1." + "0" * 500,
    "0.0000001ms",
    "1_000_000_000_000_000_000_000B",
    "1_",
    "1__0",
    "10B/fortnight",
    "5%%%",
    "101%",
    "-5%",
    "-3ms",
    "0ms",
    "1.5XB",
    "10ms/day",
    "3/s",
    "7ZB",
    "99999999999999999999999999999PB",
    "1.5M/µs",
    "12h/s",
    "0%",
    "100%",
    "1e5",
    "2w/w",
    "-0.0",
    "18446744073709551617",
    "3.14159265358979323846264338327950288",
    "1KiB/ms",
    "10Q",
]
ODD_WORDS = [
    "recall@",
    "recall@10@5",
    "ndcg@k.",
    "x" * 300,
    "_",
    "a-b-c",
    "a--b",
    "__init__",
    "None",
    "null",
    "NaN",
    "inf",
    "constructor",
    "__proto__",
    "CON",
    "toString",
    "node",
    "edge",
    "graph",
    "subgraph",
    "digraph",
    "strict",
    "end",
    "style",
    "classDef",
    "click",
    "direction",
    "shape",
    "label",
    "near",
    "vars",
    "layers",
]
HOSTILE_TEXT = [
    "",
    " ",
    "   ",
    "\t",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "\ufffe\uffff",
    "\ufeffBOM",
    "\u202eevil",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]>",
    "<!--",
    "-->",
    "&amp;&#0;&#x0;",
    "%%{init: {'theme': 'dark'}}%%",
    "click a call alert()",
    "``` code ```",
    "`",
    "|a|b|",
    "\\n",
    "{{ }}",
    "${name}",
    "$(rm -rf /)",
    "'; DROP TABLE specs; --",
    "\r",
    "\r\n",
    "\f",
    "\u2028",
    "line1\\\\line2",
    'a\\"b',
    "é" * 50,
    "\U0001f600" * 20,
    "x" * 5000,
    "C:\\\\data",
    "#not a comment",
    "-> a -> b",
    "\\x",
    "\\u0000",
    "\\",
    "\\q",
]
UNKNOWN_ESCAPES = [
    '"C:\\data"',
    '"\\q"',
    '"\\u12"',
    '"\\x00"',
    '"\\U0001F600"',
    '"tab\\tnew\\nline"',
    '"\\\\"',
    '"a\\"b"',
    '"\\0"',
    '"\\\r"',
    '"\\\x00"',
    '"\\é"',
    '"\\\ufeff"',
]
IMPORT_PATHS = [
    "../../etc/passwd",
    "/etc/passwd",
    "/dev/zero",
    "/proc/self/fd/0",
    "/",
    ".",
    "..",
    "",
    " ",
    "a\x00b.mlsd",
    "x" * 300 + ".mlsd",
    ("d" * 200 + "/") * 3 + "x.mlsd",
    "loop1.mlsd",
    "selfloop.mlsd",
    "chain/c0.mlsd",
    "common/platform.mlsd",
    "common/../common/platform.mlsd",
    "cycle_a.mlsd",
    "with_system.mlsd",
    "bad_utf8.mlsd",
    "dir.mlsd",
    "fifo.mlsd",
    "link_out.mlsd",
    "empty.mlsd",
    "bom.mlsd",
    "spec.mlsd",
    "missing.mlsd",
    "common",
    "common/",
    "C:\\data\\x.mlsd",
    "~/x.mlsd",
    "file:///etc/passwd",
    "https://example.com/x.mlsd",
    "*.mlsd",
    "common/*.mlsd",
    "long_name.mlsd",
    "\ufeffcommon/platform.mlsd",
    "common/platform.mlsd\x00.png",
    "nul\x00",
]
COMMENTS = [
    "#",
    "# mlsd: ignore",
    "# mlsd: ignore[]",
    "# mlsd: ignore[DATA003,",
    "# mlsd: ignore[*]",
    "# mlsd: ignore[NOPE999] -- x",
    "# mlsd: ignore[all] --",
    "# TODO(REQ002)",
    "# \x00\r\ufeff",
]
INVALID_UTF8 = [
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc3",
    b"\xc3(",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xe2\x82",
    b"\xf4\x90\x80\x80",
    b"\xf8\x88\x80\x80\x80",
    b"\xef\xbf\xbe",
    b"\xef\xbb",
]
WHITESPACE = [" ", "\t", "\r", "\f", "\n", "\r\n", "\v", "\u00a0", "\u3000"]
SEPARATORS = [
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "\r\n",
    " # c\n",
    "\n# mlsd: ignore[DATA003] -- r\n",
]

LITERALS: dict[str, list[str]] = {
    NUMBER: ["256", "2B", "1.5M", "10_000", "100k"],
    INTEGER: ["8", "256", "1"],
    DURATION: ["150ms", "1h", "7d", "2w", "30s"],
    PERCENT: ["3%", "0.5%", "99.9%"],
    SIZE: ["10GB", "512MiB", "1TB"],
    RATE: ["100k/s", "10B/day", "1M/day"],
    BOOL: ["true", "false"],
    METRIC: ["recall@10", "ndcg@k", "precision@5"],
}
WORDS = ["daily", "redis", "s3", "hnsw", "psi", "gpu", "cross_entropy", "user", "item"]


# --- sizes -----------------------------------------------------------------------------------------


def run_length(rng: random.Random) -> int:
    """Mostly short, sometimes a few thousand, rarely up to 100,000 (log-uniform in each class)."""
    roll = rng.random()
    if roll < 0.88:
        return rng.randint(1, 64)
    if roll < 0.985:
        return int(64 * (4096 / 64) ** rng.random())
    return int(4096 * (100_000 / 4096) ** rng.random())


def whitespace_run(rng: random.Random) -> str:
    length = run_length(rng)
    if rng.random() < 0.5:
        return rng.choice(WHITESPACE[:6]) * length
    return "".join(rng.choice(WHITESPACE) for _ in range(min(length, 5000))) * max(1, length // 5000)


def nesting(rng: random.Random) -> str:
    depth = rng.choice([rng.randint(1, 20), rng.randint(20, 500), 500])
    opener = rng.choice(["[", "{", "[ a, ", "{ a: ", "[[", "{}"])
    closer = {"[": "]", "{": "}", "[ a, ": "]", "{ a: ": "}", "[[": "]]", "{}": ""}[opener]
    shape = rng.random()
    if shape < 0.4:
        return opener * depth + closer * depth
    if shape < 0.7:
        return opener * depth
    return closer * depth


def huge_label(rng: random.Random) -> str:
    length = rng.randint(100_000, 150_000) if rng.random() < 0.4 else rng.randint(1000, 20_000)
    unit = rng.choice(["x", "é", "\ufffe", "<", "&", "\\\\", "a ", "\x00", "%%", "`", "\U0001f600", "-"])
    return '"' + unit * (length // len(unit)) + '"'


def hostile_string(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(UNKNOWN_ESCAPES)
    body = (
        rng.choice(HOSTILE_TEXT)
        if rng.random() < 0.7
        else "".join(rng.choice(ODD_CHARACTERS + CONTROL) for _ in range(rng.randint(1, 12)))
    )
    return '"' + escape(body) + '"'


def escape(body: str) -> str:
    """A string literal's body: quotes and newlines escaped, every other character raw."""
    return body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def import_statement(rng: random.Random) -> str:
    return f'import "{escape(rng.choice(IMPORT_PATHS))}"\n'


def hostile_fragment(rng: random.Random) -> str:
    choice = rng.randrange(14)
    if choice == 0:
        return whitespace_run(rng)
    if choice == 1:
        return nesting(rng)
    if choice == 2:
        return rng.choice([*CONTROL, "\x00", "\ufeff", "\r", "\ufffe", "\uffff"]) * rng.choice([1, 1, 2, 50])
    if choice == 3:
        return huge_label(rng) if rng.random() < 0.15 else hostile_string(rng)
    if choice == 4:
        return import_statement(rng)
    if choice == 5:
        return rng.choice(ODD_NUMBERS)
    if choice == 6:
        return rng.choice(KEYWORDS + KIND_WORDS + ODD_WORDS)
    if choice == 7:
        return "".join(rng.choice(STRUCTURE) for _ in range(rng.randint(1, 20)))
    if choice == 8:
        return rng.choice(COMMENTS) + rng.choice(["\n", "", "\r"])
    if choice == 9:
        return "\ufeff"
    if choice == 10:
        return "\r"
    if choice == 11:
        return rng.choice(ODD_CHARACTERS)
    if choice == 12:
        return rng.choice(SNIPPETS)
    return rng.choice(SEPARATORS)


# --- seeds -----------------------------------------------------------------------------------------

SNIPPETS = [
    "",
    " ",
    "\n",
    "system s {}",
    "system s { storage x }",
    "storage lake: s3\n",
    'system s "" {}',
    "system s {\n  model a\n  model b\n  a -> b -> a\n}\n",
    "system s { model a  a -> a }",
    "system s {\n  model a\n  group g { a, a }\n  group g { a }\n}\n",
    'system s { requirements { goal: "x" users: 1B latency_p99: 150ms availability: 99.9% } }',
    "system s { framing { task: ranking input: [user, item] output: score personalized: true } }",
    "system s { evaluation { offline: [recall@10, ndcg@k] online: ctr ab_test: true } }",
    'system s {\n  model m: two_tower "label" { baseline: true, stage: ranking, }\n}\n',
    "system a {}\nsystem b {}\n",
    'import "common/platform.mlsd"\nsystem s { model m  m -> model_registry }\n',
    "system s { storage x  storage x }",
    "system s { model a  a -> b }",
    "system s { widget w }",
    "system s { model a { nope: 1 } }",
    "system s { model a { baseline: 3 } }",
    "system s {\n  model a  # mlsd: ignore[MODEL001] -- reason\n}\n",
    "# only a comment",
    "#",
    "system s { model a, b -> c }",
    'system s { model a  model b  a, b -> a : "x" }',
    "system s { requirements { } requirements { } }",
    "system s { model a { tags: [] } }",
    "system s { model a { tags: [,] } }",
    'system s { model a : "" "" { } }',
    "system s { group g {} }",
    "system s\n{\n}\n",
    "system s { model a -> }",
    "system s { -> }",
    'system s {"}',
    'system s { model a "unterminated }\n',
    "system s { model a { x: [1, [2, [3]]] } }",
    "system s { dataset d { split: time  positive_rate: 0.1% size: 5B window: 30d } }",
    "system s { serving api: kubernetes { latency_p99: 100ms  replicas: 3 } }",
    "system s { monitor mon { watches: [psi] alerts: pagerduty } }",
    "system s { feature_store f: feast { online: redis offline: s3 ttl: 7d } }",
]


@dataclass(frozen=True)
class Seed:
    name: str
    text: str


@cache
def seeds() -> tuple[Seed, ...]:
    found = [
        Seed(str(path.relative_to(REPO)), path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "specs").rglob("*.mlsd"))
    ]
    for path in sorted((REPO / "mlsd_dsl" / "scaffold" / "templates").glob("*.mlsd")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(REPO))
        found.append(Seed(name, text))
        filled = text.replace("${name}", "new_system").replace("${label}", '"New system"')
        found.append(Seed(f"{name} (filled)", filled.replace("${title}", "New system")))
    found += [Seed(f"snippet {number}", text) for number, text in enumerate(SNIPPETS)]
    return tuple(found)


# --- mutations -------------------------------------------------------------------------------------

TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|-?[0-9][0-9_]*(?:\.[0-9]+)?(?:[A-Za-z%]+)?(?:/[A-Za-z]+)?'
    r"|[A-Za-z_][A-Za-z0-9_]*(?:@[A-Za-z0-9_.]+)?(?:-[A-Za-z0-9_]+)*"
)


def _span(rng: random.Random, text: str) -> tuple[int, int]:
    start = rng.randint(0, len(text))
    length = rng.choice([1, 1, 2, 3, rng.randint(1, 16), rng.randint(1, 200)])
    return start, min(len(text), start + length)


def mutate_once(rng: random.Random, text: str) -> str:
    operation = rng.randrange(9)
    start, end = _span(rng, text)
    if operation == 0:  # insert a hostile fragment
        return text[:start] + hostile_fragment(rng) + text[start:]
    if operation == 1:  # delete a range
        return text[:start] + text[end:]
    if operation == 2:  # duplicate a range
        copies = rng.choice([1, 1, 2, rng.randint(2, 50)])
        return text[:end] + text[start:end] * copies + text[end:]
    if operation == 3:  # swap two ranges
        other_start, other_end = _span(rng, text)
        (a, b), (c, d) = sorted([(start, end), (other_start, other_end)])
        if b > c:
            return text
        return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
    if operation == 4:  # splice another seed in
        other = rng.choice(seeds()).text
        cut = rng.randint(0, len(other))
        return text[:start] + other[cut:] if rng.random() < 0.5 else other[:cut] + text[start:]
    if operation == 5:  # replace one token
        return replace_token(rng, text)
    if operation == 6:  # replace a range with a hostile fragment
        return text[:start] + hostile_fragment(rng) + text[end:]
    if operation == 7:  # invert a line's order or join lines
        lines = text.split("\n")
        if len(lines) > 1:
            first = rng.randrange(len(lines))
            second = rng.randrange(len(lines))
            lines[first], lines[second] = lines[second], lines[first]
        joint = rng.choice(["\n", "\r", "\r\n", " ", ""]) if rng.random() < 0.2 else "\n"
        return joint.join(lines)
    return text[:start] + rng.choice(SEPARATORS) + text[start:]


def replace_token(rng: random.Random, text: str) -> str:
    tokens = list(TOKEN.finditer(text))
    if not tokens:
        return text + hostile_fragment(rng)
    token = rng.choice(tokens)
    word = token.group()
    if word.startswith('"'):
        replacement = huge_label(rng) if rng.random() < 0.05 else hostile_string(rng)
    elif word[0].isdigit() or word[0] == "-":
        replacement = rng.choice(ODD_NUMBERS)
    else:
        replacement = rng.choice(KEYWORDS + KIND_WORDS + ODD_WORDS + ODD_NUMBERS[:5])
    return text[: token.start()] + replacement + text[token.end() :]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 8])):
        text = mutate_once(rng, text)
    return text


# --- specs from scratch ----------------------------------------------------------------------------


def _name(rng: random.Random, hostile: bool = False) -> str:
    if hostile and rng.random() < 0.03:
        return rng.choice(KEYWORDS + KIND_WORDS + ODD_WORDS)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
    name = rng.choice(letters) + "".join(rng.choice(letters + "0123456789") for _ in range(rng.randint(0, 8)))
    return name + (f"-{rng.randint(0, 99)}" if rng.random() < 0.1 else "")


def _string(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.01:
        return huge_label(rng)
    if roll < 0.3:
        return hostile_string(rng)
    return '"' + rng.choice(["x", "a label", "Kafka topic", "p99 < 150ms", "é ß 😀", ""]) + '"'


def _scalar(rng: random.Random, value_type: str, spec: AttributeSpec, refs: list[str], hostile: bool) -> str:
    if hostile and rng.random() < 0.05:
        return rng.choice(ODD_NUMBERS + ODD_WORDS + KEYWORDS)
    if value_type == STRING:
        return _string(rng)
    if value_type == IDENT:
        return rng.choice(spec.choices or tuple(WORDS))
    if value_type == REF:
        return rng.choice(refs)
    return rng.choice(LITERALS[value_type])


def _value(rng: random.Random, spec: AttributeSpec, refs: list[str], hostile: bool) -> str:
    value_type = rng.choice(spec.types)
    if value_type != LIST:
        return _scalar(rng, value_type, spec, refs, hostile)
    item_types = spec.item_types or (STRING,)
    count = rng.choice([0, 1, 2, 3, 8])
    items = [_scalar(rng, rng.choice(item_types), spec, refs, hostile) for _ in range(count)]
    if hostile and rng.random() < 0.03:
        items.append(nesting(rng))
    return "[" + ", ".join(items) + ("," if items and rng.random() < 0.3 else "") + "]"


def _attributes(
    rng: random.Random, vocabulary: dict[str, AttributeSpec], refs: list[str], hostile: bool
) -> list[str]:
    keys = rng.sample(sorted(vocabulary), min(len(vocabulary), rng.choice([0, 1, 2, 3, 5])))
    if hostile and rng.random() < 0.05:
        keys.append(rng.choice(ODD_WORDS + KEYWORDS))
    tokens = ["{"]
    for key in keys:
        spec = vocabulary.get(key, AttributeSpec(key, (STRING, NUMBER, LIST), "", item_types=(STRING,)))
        tokens += [key, ":", _value(rng, spec, refs, hostile)] + ([","] if rng.random() < 0.3 else [])
    return [*tokens, "}"]


def generate(rng: random.Random, hostile: bool) -> str:
    """A spec over the whole vocabulary with hostile labels and strings; when `hostile`, also odd
    names, values, imports and whitespace (which usually make it invalid)."""
    names = list(dict.fromkeys(_name(rng, hostile) for _ in range(rng.choice([1, 2, 3, 5, 8, 20]))))
    statements: list[list[str]] = []
    for name in names:
        kind = rng.choice(list(Kind))
        tokens = [kind.value if not hostile or rng.random() > 0.02 else rng.choice(ODD_WORDS), name]
        if rng.random() < 0.5:
            tokens += [
                ":",
                rng.choice(["kafka", "faiss", "two_tower", "redis", "s3"])
                if rng.random() < 0.7
                else _string(rng),
            ]
        if rng.random() < 0.5:
            tokens.append(_string(rng))
        if rng.random() < 0.6:
            tokens += _attributes(rng, dict(KINDS[kind].attributes), names, hostile)
        statements.append(tokens)
    for section in rng.sample(list(SECTION_ATTRIBUTES), rng.randint(0, 3)):
        statements.append([section.value, *_attributes(rng, SECTION_ATTRIBUTES[section], names, hostile)])
    for _ in range(rng.choice([0, 1, 2, 4, 10])):
        width = min(2, len(names))
        steps = [", ".join(rng.sample(names, rng.randint(1, width))) for _ in range(rng.randint(2, 4))]
        statements.append([" -> ".join(steps)] + ([":", _string(rng)] if rng.random() < 0.4 else []))
    for number in range(rng.choice([0, 0, 1, 2])):
        members = rng.sample(names, rng.randint(0, len(names)))
        label = [_string(rng)] if rng.random() < 0.5 else []
        statements.append(["group", f"g{number}", *label, "{", *members, "}"])
    rng.shuffle(statements)
    body = [token for statement in statements for token in statement]
    if rng.random() < 0.85:
        label = [_string(rng)] if rng.random() < 0.5 else []
        body = ["system", _name(rng, hostile), *label, "{", *body, "}"]
    text = _lay_out(rng, body, hostile)
    imports = "".join(
        import_statement(rng) if hostile and rng.random() < 0.5 else 'import "common/platform.mlsd"\n'
        for _ in range(rng.choice([0, 0, 0, 1, 2]))
    )
    return imports + text


def _lay_out(rng: random.Random, tokens: list[str], hostile: bool) -> str:
    pieces = [tokens[0]]
    for token in tokens[1:]:
        separator = rng.choice(SEPARATORS)
        if hostile and rng.random() < 0.01:
            separator = rng.choice([whitespace_run(rng), " \ufeff ", " \r ", "\f", " \x00 ", "\t\v"])
        pieces += [separator, token]
    return "".join(pieces) + rng.choice(["", "\n", "\n\n", "\r\n"])


# --- one input -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FuzzInput:
    origin: str  # how it was made: "mutated <seed>", "generated", "soup", ...
    text: str
    data: bytes  # what the CLI pass writes to the file: the text, sometimes with invalid UTF-8 or a BOM


def _soup(rng: random.Random) -> str:
    words = STRUCTURE + KEYWORDS + KIND_WORDS
    return "".join(
        (hostile_fragment(rng) if rng.random() < 0.3 else rng.choice(words)) + " "
        for _ in range(rng.randint(1, 60))
    )


Maker = Callable[[random.Random], tuple[str, str]]


def _mutated_seed(rng: random.Random) -> tuple[str, str]:
    seed = rng.choice(seeds())
    return f"mutated {seed.name}", mutate(rng, seed.text)


def _seed(rng: random.Random) -> tuple[str, str]:
    seed = rng.choice(seeds())
    return f"seed {seed.name}", seed.text


MAKERS: dict[str, Maker] = {
    "mutated seed": _mutated_seed,
    "generated": lambda rng: ("generated", generate(rng, hostile=False)),
    "generated hostile": lambda rng: ("generated hostile", generate(rng, hostile=True)),
    "mutated generated": lambda rng: ("mutated generated", mutate(rng, generate(rng, rng.random() < 0.3))),
    "soup": lambda rng: ("soup", _soup(rng)),
    "seed": _seed,
}
# The CLI pass runs fewer inputs, and its drawing and writing commands only go deep on valid specs.
WEIGHTS = {
    "api": {
        "mutated seed": 40,
        "generated": 15,
        "generated hostile": 10,
        "mutated generated": 20,
        "soup": 10,
        "seed": 5,
    },
    "cli": {
        "mutated seed": 30,
        "generated": 30,
        "generated hostile": 10,
        "mutated generated": 15,
        "soup": 5,
        "seed": 10,
    },
}


def to_bytes(rng: random.Random, text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    roll = rng.random()
    if roll < 0.12:
        for _ in range(rng.randint(1, 3)):
            cut = rng.randint(0, len(data))
            data = data[:cut] + rng.choice(INVALID_UTF8) + data[cut:]
    elif roll < 0.20:
        data = b"\xef\xbb\xbf" * rng.choice([1, 1, 2]) + data
    elif roll < 0.23:
        data = data.replace(b"\n", b"\r")
    return data


def make_input(seed: int, pass_name: str, index: int) -> FuzzInput:
    rng = random.Random(f"{seed}/{pass_name}/{index}")
    weights = WEIGHTS.get(pass_name, WEIGHTS["api"])
    maker = MAKERS[rng.choices(list(weights), list(weights.values()))[0]]
    origin, text = maker(rng)
    return FuzzInput(origin, text, to_bytes(rng, text))
