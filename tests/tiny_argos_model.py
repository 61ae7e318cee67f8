"""Build a tiny, real Argos Translate package (zh -> en) that copies its input.

The real zh->en model cannot be downloaded where the tests run, so the tests make their
own ``.argosmodel`` and drive the real argostranslate code path with it.  Everything in
it is the genuine article, only small (see DEVELOPERS.md):

* ``sentencepiece.model`` — trained with SentencePiece's own trainer on the seed texts
  in ``source/*.txt``; the term placeholders are ``user_defined_symbols`` so each one is
  a single piece;
* ``model/`` — a CTranslate2 Transformer (one encoder and one decoder layer) whose
  weights are written with numpy through ``ctranslate2.specs.TransformerSpec``.  They
  are not trained but constructed so the decoder copies the source: cross-attention
  looks up the source position equal to the decoder position (sinusoidal position
  codes, sharpened), carries that token's code across, and the output projection
  turns the code back into the same token.  ``</s>`` is appended to the source, so
  copying it ends the translation.  Deterministic, a few hundred kilobytes;
* ``minisbd/zh-tiny.onnx`` — a MiniSBD sentence splitter (the ONNX format argostranslate
  1.11 uses, built with the ``onnx`` helpers): a per-character lookup table that ends a
  sentence at 。！？.  Shipping it inside the package is what keeps argostranslate from
  downloading a sentence-boundary model.

So "translating" a Chinese sentence with this package returns the same sentence, which
makes every assertion about the pipeline exact.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import numpy as np

PACKAGE_NAME = "translate-zh_en-tiny_copy"
PACKAGE_VERSION = "0.1-test"
SENTENCE_ENDS = "。！？"

# Sizes of the copy transformer.
TOKEN_BITS = 96          # length of each token's +-1 code
POSITION_FREQS = 24      # sinusoid pairs in the position code
MAX_POSITIONS = 512


def training_sentences(source_dir: Path) -> list[str]:
    """The seed texts cut into sentences (SentencePiece skips over-long lines)."""
    out: list[str] = []
    for path in sorted(source_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            for sentence in re.split(r"(?<=[。！？；])", line):
                sentence = sentence.strip()
                if sentence:
                    out.append(sentence)
    return out


def train_sentencepiece(source_dir: Path, out_dir: Path, placeholders: list[str]) -> Path:
    import sentencepiece as spm

    prefix = out_dir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_sentences(source_dir)),
        model_prefix=str(prefix),
        vocab_size=1200,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        # Chinese has no spaces: no dummy prefix and no normalisation, so a piece
        # sequence decodes back to exactly the characters it came from.
        normalization_rule_name="identity",
        add_dummy_prefix=False,
        user_defined_symbols=placeholders,
        unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _token_codes(vocab_size: int) -> np.ndarray:
    """One +-1 code per token, all far apart (checked, not hoped)."""
    rng = np.random.default_rng(20221101)
    codes = rng.choice([-1.0, 1.0], size=(vocab_size, TOKEN_BITS))
    gram = codes @ codes.T
    np.fill_diagonal(gram, -np.inf)
    assert gram.max() <= TOKEN_BITS * 0.6, "token codes too close; change the seed"
    return codes


def _position_codes() -> np.ndarray:
    """[cos, sin, -cos, -sin] of several periods: zero mean, constant norm per position."""
    positions = np.arange(MAX_POSITIONS)[:, None]
    periods = np.geomspace(5.0, 4.0 * MAX_POSITIONS, POSITION_FREQS)
    angles = 2 * np.pi * positions / periods[None, :]
    cos, sin = np.cos(angles), np.sin(angles)
    codes = np.concatenate([cos, sin, -cos, -sin], axis=1)
    # Self-similarity must beat every other position by a clear margin.
    gram = codes @ codes.T
    diag = gram[0, 0]
    np.fill_diagonal(gram, -np.inf)
    assert gram.max() < diag - 1.0, "position codes not distinct enough"
    return codes


def build_copy_transformer(vocab: list[str], out_dir: Path) -> Path:
    """A CTranslate2 Transformer whose decoder copies the source sentence."""
    import ctranslate2
    from ctranslate2.specs import transformer_spec

    V = len(vocab)
    codes = _token_codes(V)
    tok = np.concatenate([codes, -codes], axis=1)                 # zero-mean token codes
    pos = _position_codes()
    T, P = tok.shape[1], pos.shape[1]
    D = T + P                                                      # [token | position]
    tok_dims, pos_dims = slice(0, T), slice(T, D)

    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1, pre_norm=True)
    spec.config.add_source_eos = True          # copying </s> ends the output
    f32 = np.float32

    def zeros(*shape):
        return np.zeros(shape, dtype=f32)

    def layer_norm(ln):
        ln.gamma = np.ones(D, dtype=f32)
        ln.beta = zeros(D)

    def linear(lin, weight, bias=None):
        lin.weight = weight.astype(f32)
        lin.bias = zeros(weight.shape[0]) if bias is None else bias.astype(f32)

    def silent_ffn(ffn):
        layer_norm(ffn.layer_norm)
        linear(ffn.linear_0, zeros(4, D))
        linear(ffn.linear_1, zeros(D, 4))

    # Encoder: embeddings put the token code in the token dims, positions in the
    # position dims; its one layer adds nothing (zero output projections).
    enc = spec.encoder
    enc.scale_embeddings = False
    emb = zeros(V, D)
    emb[:, tok_dims] = tok
    enc.embeddings[0].weight = emb
    enc.position_encodings.encodings = np.pad(pos, ((0, 0), (T, 0))).astype(f32)
    layer_norm(enc.layer_norm)
    layer = enc.layer[0]
    layer_norm(layer.self_attention.layer_norm)
    linear(layer.self_attention.linear[0], zeros(3 * D, D))
    linear(layer.self_attention.linear[1], zeros(D, D))
    silent_ffn(layer.ffn)

    # Decoder: its own tokens are ignored (zero embeddings), only its position counts.
    dec = spec.decoder
    dec.scale_embeddings = False
    dec.embeddings.weight = zeros(V, D)
    dec.position_encodings.encodings = np.pad(pos, ((0, 0), (T, 0))).astype(f32)
    layer_norm(dec.layer_norm)
    layer = dec.layer[0]
    layer_norm(layer.self_attention.layer_norm)
    linear(layer.self_attention.linear[0], zeros(3 * D, D))
    linear(layer.self_attention.linear[1], zeros(D, D))
    silent_ffn(layer.ffn)

    # Cross-attention: query = decoder position, key = encoder position, sharpened so
    # the softmax picks the matching position; value = the source token's code,
    # written into the decoder's token dims.
    att = layer.attention
    layer_norm(att.layer_norm)
    sharpen = 60.0
    q = zeros(D, D)
    q[pos_dims, pos_dims] = np.eye(P) * sharpen
    kv = zeros(2 * D, D)
    kv[:D][pos_dims, pos_dims] = np.eye(P)
    kv[D:][tok_dims, tok_dims] = np.eye(T)
    out = zeros(D, D)
    out[tok_dims, tok_dims] = np.eye(T) * 4.0
    linear(att.linear[0], q)
    linear(att.linear[1], kv)
    linear(att.linear[2], out)

    # Output projection: score each vocabulary entry by its code against the token dims.
    proj = zeros(V, D)
    proj[:, tok_dims] = tok * 0.5
    linear(dec.projection, proj)

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=None)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    ctranslate2.Translator(str(out_dir), device="cpu")   # loads, or raises now
    return out_dir


def build_minisbd_model(path: Path) -> Path:
    """A MiniSBD ONNX model: every character is a token; 。！？ end a sentence."""
    import onnx
    from onnx import TensorProto, helper

    units = ["<PAD>", "<UNK>", *SENTENCE_ENDS]
    # Labels: 0 inside a token, 1 end of token, 2 end of sentence (3/4: multi-word tokens).
    table = np.zeros((len(units), 5), dtype=np.float32)
    table[0, 0] = 10.0
    table[1, 1] = 10.0
    table[2:, 2] = 10.0
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "units"], ["logits"], axis=0)],
        "tiny_sbd",
        inputs=[helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
                helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "chars", "feats"])],
        outputs=[helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", 5])],
        initializer=[helper.make_tensor("table", TensorProto.FLOAT, table.shape, table.flatten().tolist())],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                              producer_name="statute-site tests")
    model.ir_version = 8
    vocab_state = {"lang": "zh", "idx": 0, "cutoff": 0, "lower": False,
                   "_unit2id": {u: i for i, u in enumerate(units)}, "_id2unit": units}
    config = {"skip_newline": False, "max_seqlen": 1000, "no_ssplit": False, "batch_size": 32,
              "feat_funcs": [], "use_dictionary": False, "num_dict_feat": 0}
    helper.set_model_props(model, {"lang_code": "zh", "config": json.dumps(config),
                                   "vocab": json.dumps(vocab_state), "lexicon": "null"})
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    return path


def build_argos_package(source_dir: Path, work_dir: Path, placeholders: list[str]) -> Path:
    """Build ``<work_dir>/translate-zh_en-tiny_copy.argosmodel`` and return its path."""
    import sentencepiece as spm

    pkg_dir = work_dir / PACKAGE_NAME
    pkg_dir.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece(source_dir, work_dir, placeholders)
    (pkg_dir / "sentencepiece.model").write_bytes(sp_model.read_bytes())
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    build_copy_transformer(vocab, pkg_dir / "model")
    build_minisbd_model(pkg_dir / "minisbd" / "zh-tiny.onnx")
    metadata = {
        "package_version": PACKAGE_VERSION,
        "argos_version": "1.11",
        "from_code": "zh", "from_name": "Chinese",
        "to_code": "en", "to_name": "English",
        "type": "translate",
        "links": [],
    }
    (pkg_dir / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    (pkg_dir / "README.md").write_text(
        "Test-only zh->en package built by statute-site's tests: it copies its input.\n",
        encoding="utf-8")
    archive = work_dir / f"{PACKAGE_NAME}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(pkg_dir.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(work_dir).as_posix())
    return archive
