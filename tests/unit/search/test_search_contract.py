"""The search contract: constants defined once in Python and published as an ES
module, and the browser's tokenizer (docs/assets/search/tokens.js) the twin of
gongshi.search.text, run side by side in Node on the same strings."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from gongshi.outputs.sink import DirectorySink
from gongshi.search import contract, text
from gongshi.search import publish as search_contract
from gongshi.search.pagefind import index

SCRIPTS = ROOT / "docs" / "assets" / "search"

STRINGS = [
    "总磷", "洞庭湖", "南洞庭湖总磷浓度偏高", "党政同责、一岗双责", "湖", "〇一二", "Ⅲ类水质",
    "PM2.5", "pm2.5浓度1.2", "PM10", "COD", "5.69mg/L", "0.043mg/L", "2.5", "1.2.3", "v2.0版",
    "D1YZ202000131", "D1YZ202000142", "岳楼发〔2022〕2号", "0730-8245473", "xfxfgwjtk@163.com",
    "ＰＭ２．５ 浓度", "ＣＯＤ超标", "１２３４５", "a\u3000b", "a-b", "VS Code", "  总 磷  ", "整改 销号",
    "22.84平方公里", "52个排污口", "一级A", "2023年10月13日", "", " ", "㐀㐁", "豈更",
]


def node_json(script: str, folder, *args: str) -> object:
    """What a module script run by Node in folder prints as JSON (args in process.argv[1:])."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("需要 Node.js")
    done = subprocess.run([node, "--input-type=module", "-e", script, *args], cwd=folder, capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """docs/assets/search/ with the generated contract.js beside it, as the built site has them."""
    folder = tmp_path_factory.mktemp("search-js") / "assets" / "search"
    shutil.copytree(SCRIPTS, folder)
    contract.write_module(folder)
    return folder


def test_module_is_deterministic_and_exports_each_constant():
    first = contract.module_text()
    assert first == contract.module_text() and first.isascii()
    exported = re.findall(r"^export const (\w+) = (.*);$", first, re.M)
    assert [name for name, _ in exported] == list(contract.EXPORTS)
    for name, value in exported:
        assert json.loads(value) == getattr(contract, name)


BUCKETED = {"总磷": 59, "总": 59, "2\u03d95": 367, "pm2": 445, "d1": 349, "5": 53, "yz202000131": 101}
SPLIT = {"ge", "gen", "gen2"}  # "gen2024000862" goes by "gen20"


def test_python_uses_the_contract_constants():
    assert index.SLICES is contract.SLICES and index.VOCAB_BUCKETS is contract.VOCAB_BUCKETS
    # By the first character of a Chinese token, the first two of another, more where split
    # (tests/js/index.test.mjs: the twin).
    by_first = ord("总") % contract.VOCAB_BUCKETS
    assert index.vocab_bucket("总磷") == index.vocab_bucket("总") == by_first
    assert index.vocab_bucket("2\u03d95") == (ord("2") * contract.VOCAB_HASH + 0x3D9) % contract.VOCAB_BUCKETS
    assert {t: index.vocab_bucket(t) for t in BUCKETED} == BUCKETED
    assert index.vocab_key("gen2024000862", SPLIT) == "gen20" and index.vocab_bucket("gen2024000862", SPLIT) == 98
    assert text.pagefind_word("总磷") == contract.WORD_MARK + "603b78f7"
    assert contract.FRAGMENT_SIGNATURE.encode() == contract.SIGNATURE == b"pagefind_dcd"  # what pagefind reads


def test_the_build_writes_the_module(tmp_path):
    sink = DirectorySink(tmp_path)
    search_contract.write(sink)
    assert search_contract.paths() == [contract.MODULE] == sink.paths
    assert (tmp_path / contract.MODULE).read_bytes() == contract.module_text().encode("utf-8")
    assert contract.MODULE == "assets/search/contract.js"  # the scripts import it as ./contract.js


def test_scripts_copy_no_constant_by_hand():
    for script in sorted(SCRIPTS.glob("*.js")):
        source = script.read_text(encoding="utf-8")
        for copied in ("\\u3007", "\\u03d9", "ϙ", "% 512", "= 16;", "pagefind/shards", "pagefind/vocab",
                       "pagefind/facets", "pagefind_dcd", "fragment/", ".pf_fragment"):
            assert copied not in source, (script.name, copied)
    assert not (SCRIPTS / "contract.js").exists()  # generated into the site only


def test_contract_module_is_what_node_imports(published):
    got = node_json("const c = await import('./contract.js'); console.log(JSON.stringify(c));", published)
    assert got == {name: getattr(contract, name) for name in contract.EXPORTS}


def test_tokenizers_are_twins(published):
    """normalize, the runs, the query tokens and the pagefind words agree on every string."""
    script = """
        const t = await import('./tokens.js');
        const strings = JSON.parse(process.argv[1]);
        console.log(JSON.stringify(strings.map((s) => [
          t.normalize(s), t.runs(t.normalize(s)), t.queryTokens(s), JSON.parse(process.argv[2])[s].map(t.pagefindWord),
        ])));
    """
    index_tokens = {s: text.index_tokens(s) for s in STRINGS}
    got = node_json(script, published, json.dumps(STRINGS), json.dumps(index_tokens))
    expected = [[text.normalize(s), text._runs(text.normalize(s)), text.query_tokens(s),
                 [text.pagefind_word(t) for t in index_tokens[s]]] for s in STRINGS]
    assert len(got) == len(expected)
    for string, mine, theirs in zip(STRINGS, got, expected, strict=True):
        assert mine == theirs, string


def test_a_crowded_prefix_is_split_until_each_file_is_small():
    entries = {f"gen2024{i:06d}": [1] for i in range(20_000)} | {"pm2": [3], "总磷": [2]}
    splits = index._splits(entries)
    assert {"ge", "gen", "gen2024"} <= splits and "pm" not in splits and "总" not in splits
    sizes: dict[int, int] = {}
    for token, entry in entries.items():
        bucket = index.vocab_bucket(token, splits)
        sizes[bucket] = sizes.get(bucket, 0) + len(token) + 4 + 2 * len(entry)
    assert max(sizes.values()) <= 2 * contract.VOCAB_SPLIT_BYTES  # (two keys can share a file)
