"""Properties of the cursor-context machine on generated specs: on a valid spec it names the
components the compiler declares; on any prefix or damaged copy it never fails."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlsd_dsl.compiler import compile_text
from mlsd_dsl.lsp.context import Role, classify, context_at
from mlsd_dsl.lsp.tokens import lex
from tests.profiles import scaled
from tests.strategies import specs


@scaled(0.25)
@given(specs)
def test_the_declared_names_are_the_compilers_components(text: str) -> None:
    compilation = compile_text(text, "generated.mlsd")
    assert compilation.spec is not None
    classified = classify(lex(text))
    declared = {
        c.token.text for c in classified if c.role is Role.DECLARATION and c.kind not in ("group", "system")
    }
    assert declared == set(compilation.spec.components)
    assert {c.token.text for c in classified if c.role is Role.KIND} <= {
        c.kind.value for c in compilation.spec.components.values()
    }


@scaled(0.25)
@given(specs, st.data())
def test_any_prefix_or_damaged_copy_has_a_context_everywhere(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(text)))
    damaged = data.draw(
        st.sampled_from([text[:cut], text[:cut] + text[cut + 7 :], text[:cut] + '"{[' + text[cut:]])
    )
    tokens = lex(damaged)
    classify(tokens)
    for offset in {0, cut, len(damaged), *(t.start for t in tokens), *(t.end for t in tokens)}:
        context = context_at(damaged, min(offset, len(damaged)), tokens)
        assert 0 <= context.start <= offset
        assert damaged[context.start : offset] == context.prefix
