#!/usr/bin/env python3
"""Builds the golden fixtures of BigCodeRuntimeTests from Hugging Face's reference code.

Run by hand, never in CI (it needs PyTorch). From the repository root:

    python3 -m venv .venv-goldens
    .venv-goldens/bin/pip install torch==2.15.0 transformers==5.23.0 tokenizers==0.23.3 safetensors==0.8.0
    .venv-goldens/bin/python scripts/make_bigcode_goldens.py

It writes Tests/BigCodeRuntimeTests/Fixtures/:

* tokenizer/tokenizer.json          a byte-level BPE trained here on a little code, SantaCoder style:
                                    Digits(individual_digits) + ByteLevel pre-tokenizer, then the special
                                    tokens <|endoftext|> <fim-prefix> <fim-middle> <fim-suffix> <fim-pad>
                                    appended after the BPE vocabulary (as SantaCoder's 49152..49156)
* tokenizer-string-merges.json      the same tokenizer with merges in the older "a b" string form
* tokenizer-starcoder.json          the same BPE with StarCoder's <fim_prefix>-style special tokens
* models/NAME/                      tiny random GPT-BigCode checkpoints (2 layers, n_embd 32, 4 heads):
    mqa-fused-f32     converted gpt_bigcode layout, multi-query, F32, only transformer.wte.weight (tied),
                      with the tokenizer files, as a complete checkpoint folder
    mqa-split-f32     the same weights in the original SantaCoder layout (Conv1D q_attn + kv_attn, [in, out]),
                      gpt2-style config, causal-mask buffers, both wte and lm_head, in two shards + index
    mqa-fused-f16     its own weights rounded to float16, stored F16, only lm_head.weight
    mqa-fused-bf16    its own weights rounded to bfloat16, stored BF16
    mha-fused-f32     multi_query false (per-head interleaved c_attn), exact-erf "gelu"
* goldens.json                      token ids of test strings; per model, for each prompt, the last-position
                                    logits of a full forward pass and a 12-token greedy continuation that
                                    runs through transformers' KV cache (one of the prompts is FIM)

Golden logits of the F16/BF16 models are computed in float32 from the rounded weights, which is exactly
what the runtime does (convert once at load, compute in fp32).
"""

import json
import os
import shutil
import tempfile

import torch
from safetensors.torch import save_file
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GPTBigCodeConfig, GPTBigCodeForCausalLM

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "BigCodeRuntimeTests", "Fixtures")
SANTACODER_SPECIALS = ["<|endoftext|>", "<fim-prefix>", "<fim-middle>", "<fim-suffix>", "<fim-pad>"]
STARCODER_SPECIALS = ["<|endoftext|>", "<fim_prefix>", "<fim_middle>", "<fim_suffix>", "<fim_pad>"]
BPE_VOCAB = 400
MODEL_VOCAB = 448  # 405 tokens padded to a multiple of 64, like SantaCoder's 49157 -> 49280
GREEDY_TOKENS = 12

CORPUS = [
    "def add(a, b):\n    return a + b\n",
    "def hello_world():\n    print('Hello, world!')\n\n\nif __name__ == '__main__':\n    hello_world()\n",
    "import os\nimport sys\n\nfor i in range(10):\n    print(i, os.path.join('a', str(i)))\n",
    "class Point:\n    def __init__(self, x, y):\n        self.x = x\n        self.y = y\n",
    "public class Main {\n    public static void main(String[] args) {\n        System.out.println(\"Hi\");\n    }\n}\n",
    "for (int i = 0; i < n; ++i) {\n    sum += values[i];\n}\n",
    "function fib(n) {\n  if (n < 2) return n;\n  return fib(n - 1) + fib(n - 2);\n}\n",
    "const total = items.map((x) => x.price).reduce((a, b) => a + b, 0);\n",
    "# compute the mean of a list of numbers\ndef mean(xs):\n    return sum(xs) / len(xs)\n",
    "let s = `value: ${value}`; // template literal 2024\n",
]

TOKENIZER_CASES = [
    "def hello_world():\n    print('Hello, world!')\n",
    "x = 12345 + 3.14159 - 0x1F\n",
    "  leading spaces and trailing   \n\n\t\tmixed\twhitespace  ",
    "I'm sure they'll say we've done it, he'd've; THEY'RE 'S 'LL",
    "naïve café — Ünïcödé und 日本語のテキスト 🎉👩‍💻",
    "<fim-prefix>def f(x):\n<fim-suffix>\n    return y<fim-middle>",
    "<|endoftext|>after end<|endoftext|><|endoftext|>",
    "a<fim-prefix <fim-prefix> <fim_prefix> <|endoftext|",
    "١٢٣ ½ Ⅻ ²",
    "\r\n\u00a0\u2003x \u3000y\u000b\u000cz\u0085",
    "",
    " ",
    "   ",
    "\n",
    "for (int i = 0; i < n; ++i) { sum += a[i]; }",
    "const f = async (a, b) => `${a}${b}`;",
    "'''docstring''' \"\"\"x\"\"\" ''s",
    "e\u0301 combining \u0915\u094d\u0937",
    "tabs\t\tand  double  spaces\t \t",
    "?!... ,,;; ::-> ==",
]

PROMPTS = [
    "def add(a, b):\n",
    "public class Main {\n    public static void ",
    "x = 12",
]
FIM_PREFIX = "def mean(xs):\n    "
FIM_SUFFIX = "\n    return total / len(xs)\n"


def train_tokenizer():
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Digits(individual_digits=True), pre_tokenizers.ByteLevel(add_prefix_space=False)]
    )
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=BPE_VOCAB, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False
    )
    tokenizer.train_from_iterator(CORPUS * 4, trainer=trainer)
    assert tokenizer.get_vocab_size() == BPE_VOCAB, tokenizer.get_vocab_size()
    return tokenizer


def with_specials(base_json, specials):
    tokenizer = Tokenizer.from_str(base_json)
    tokenizer.add_special_tokens(specials)
    return tokenizer


def write_tokenizers():
    base = train_tokenizer().to_str()
    santacoder = with_specials(base, SANTACODER_SPECIALS)
    starcoder = with_specials(base, STARCODER_SPECIALS)
    os.makedirs(os.path.join(ROOT, "tokenizer"), exist_ok=True)
    santacoder.save(os.path.join(ROOT, "tokenizer", "tokenizer.json"))
    starcoder.save(os.path.join(ROOT, "tokenizer-starcoder.json"))
    with open(os.path.join(ROOT, "tokenizer", "special_tokens_map.json"), "w") as f:
        json.dump({"additional_special_tokens": SANTACODER_SPECIALS}, f, indent=1)
    with open(os.path.join(ROOT, "tokenizer", "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "GPT2TokenizerFast", "bos_token": "<|endoftext|>",
                   "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>", "model_max_length": 64}, f, indent=1)

    # The same tokenizer with 2023-style "a b" merges must load and tokenize identically.
    as_json = json.loads(santacoder.to_str())
    as_json["model"]["merges"] = [" ".join(pair) for pair in as_json["model"]["merges"]]
    string_merges = json.dumps(as_json, ensure_ascii=False)
    with open(os.path.join(ROOT, "tokenizer-string-merges.json"), "w") as f:
        f.write(string_merges)
    reloaded = Tokenizer.from_str(string_merges)
    for text in TOKENIZER_CASES:
        assert reloaded.encode(text).ids == santacoder.encode(text).ids, text
    return santacoder, starcoder


def random_model(multi_query, activation, seed):
    config = GPTBigCodeConfig(
        vocab_size=MODEL_VOCAB, n_positions=64, n_embd=32, n_layer=2, n_head=4, n_inner=None,
        activation_function=activation, multi_query=multi_query, bos_token_id=BPE_VOCAB,
        eos_token_id=BPE_VOCAB, layer_norm_epsilon=1e-5, tie_word_embeddings=True,
    )
    model = GPTBigCodeForCausalLM(config).eval()
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            noise = torch.randn(parameter.shape, generator=generator)
            if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name.endswith("ln_f.weight"):
                parameter.copy_(1 + 0.1 * noise)
            else:
                parameter.copy_(0.2 * noise)
    return config, model


def round_weights(model, dtype):
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(parameter.to(dtype).to(torch.float32))


def fused_state(model, dtype, head):
    state = {k: v.detach().to(dtype).clone().contiguous() for k, v in model.state_dict().items()}
    if head == "wte":
        state.pop("lm_head.weight", None)
    elif head == "lm_head":
        state["lm_head.weight"] = state.pop("transformer.wte.weight")
    return state


def split_state(model, config):
    """The original SantaCoder layout: Conv1D [in, out] weights, q_attn + kv_attn, mask buffers."""
    c, kv = config.n_embd, config.n_embd // config.n_head
    state = {}
    for key, value in model.state_dict().items():
        value = value.detach().clone()
        if key.endswith("attn.c_attn.weight"):
            base = key[: -len("c_attn.weight")]
            state[base + "q_attn.weight"] = value[:c].t().contiguous()
            state[base + "kv_attn.weight"] = value[c:].t().contiguous()
        elif key.endswith("attn.c_attn.bias"):
            base = key[: -len("c_attn.bias")]
            state[base + "q_attn.bias"] = value[:c].contiguous()
            state[base + "kv_attn.bias"] = value[c:].contiguous()
        elif key.endswith(".weight") and (".c_proj." in key or ".c_fc." in key):
            state[key] = value.t().contiguous()
        else:
            state[key] = value.contiguous()
        assert kv == config.n_embd // config.n_head
    state["lm_head.weight"] = state["transformer.wte.weight"].clone()
    for layer in range(config.n_layer):
        mask = torch.tril(torch.ones((config.n_positions, config.n_positions), dtype=torch.uint8))
        state[f"transformer.h.{layer}.attn.bias"] = mask.view(1, 1, config.n_positions, config.n_positions)
        state[f"transformer.h.{layer}.attn.masked_bias"] = torch.tensor(-1e4)
    return state


def split_config(config):
    return {
        "activation_function": "gelu_fast", "architectures": ["GPT2LMHeadCustomModel"],
        "attention_head_type": "multiquery", "bos_token_id": config.bos_token_id, "eos_token_id": config.eos_token_id,
        "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_embd": config.n_embd, "n_head": config.n_head,
        "n_inner": 4 * config.n_embd, "n_layer": config.n_layer, "n_positions": config.n_positions,
        "scale_attn_by_inverse_layer_idx": False, "scale_attn_weights": True, "torch_dtype": "float32",
        "vocab_size": config.vocab_size,
    }


def save_checkpoint(name, config_json, state, shards=1):
    folder = os.path.join(ROOT, "models", name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config_json, f, indent=1, sort_keys=True)
    if shards == 1:
        save_file(state, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
        return
    keys = sorted(state)
    weight_map = {}
    for shard in range(shards):
        file = f"model-{shard + 1:05d}-of-{shards:05d}.safetensors"
        part = {k: state[k] for k in keys[shard::shards]}
        save_file(part, os.path.join(folder, file), metadata={"format": "pt"})
        weight_map.update({k: file for k in part})
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": 0}, "weight_map": weight_map}, f, indent=1, sort_keys=True)


def greedy(model, ids):
    """Greedy decoding through transformers' KV cache; returns the tokens and the smallest top-2 margin."""
    with torch.no_grad():
        out = model(torch.tensor([ids]), use_cache=True)
        tokens, margin = [], float("inf")
        for _ in range(GREEDY_TOKENS):
            logits = out.logits[0, -1]
            top = torch.topk(logits, 2)
            margin = min(margin, float(top.values[0] - top.values[1]))
            token = int(top.indices[0])
            tokens.append(token)
            out = model(torch.tensor([[token]]), past_key_values=out.past_key_values, use_cache=True)
    return tokens, margin


class MarginTooSmall(Exception):
    """A greedy step whose two best logits are too close for an exact comparison across implementations."""


def model_goldens(model, prompts):
    entries = []
    for label, ids in prompts:
        with torch.no_grad():
            logits = model(torch.tensor([ids])).logits[0, -1]
        tokens, margin = greedy(model, ids)
        if margin < 1e-3:
            raise MarginTooSmall(margin)
        entries.append({"label": label, "ids": ids, "lastLogits": [float(f"{float(x):.9g}") for x in logits], "greedy": tokens})
    return entries


def well_separated_model(prompts, multi_query, activation, seed, dtype=None):
    """The first random model from `seed` on whose greedy steps are all clear wins."""
    for attempt in range(seed, seed + 50):
        config, model = random_model(multi_query=multi_query, activation=activation, seed=attempt)
        if dtype is not None:
            round_weights(model, dtype)
        try:
            return config, model, model_goldens(model, prompts)
        except MarginTooSmall:
            continue
    raise SystemExit(f"no well-separated model from seed {seed}")


def main():
    torch.set_num_threads(1)
    santacoder, starcoder = write_tokenizers()
    fim_text = "<fim-prefix>" + FIM_PREFIX + "<fim-suffix>" + FIM_SUFFIX + "<fim-middle>"
    prompts = [(text, santacoder.encode(text).ids) for text in PROMPTS]
    prompts.append(("fim", santacoder.encode(fim_text).ids))

    goldens = {
        "tokenizer": [{"text": t, "ids": santacoder.encode(t).ids} for t in TOKENIZER_CASES],
        "starcoderTokenizer": [{"text": t, "ids": starcoder.encode(t).ids} for t in TOKENIZER_CASES],
        "fim": {"prefix": FIM_PREFIX, "suffix": FIM_SUFFIX, "ids": santacoder.encode(fim_text).ids},
        "models": {},
    }
    for text in TOKENIZER_CASES:
        assert santacoder.decode(santacoder.encode(text).ids, skip_special_tokens=False) == text, text

    config, model, entries = well_separated_model(prompts, multi_query=True, activation="gelu_pytorch_tanh", seed=1)
    save_checkpoint("mqa-fused-f32", config.to_dict(), fused_state(model, torch.float32, head="wte"))
    for name in ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]:  # a complete hub-style folder
        shutil.copy(os.path.join(ROOT, "tokenizer", name), os.path.join(ROOT, "models", "mqa-fused-f32", name))
    save_checkpoint("mqa-split-f32", split_config(config), split_state(model, config), shards=2)
    goldens["models"]["mqa-fused-f32"] = entries
    goldens["models"]["mqa-split-f32"] = entries

    for name, dtype, seed in [("mqa-fused-f16", torch.float16, 100), ("mqa-fused-bf16", torch.bfloat16, 200)]:
        config, model, entries = well_separated_model(
            prompts, multi_query=True, activation="gelu_pytorch_tanh", seed=seed, dtype=dtype)
        save_checkpoint(name, config.to_dict(), fused_state(model, dtype, head="lm_head"))
        goldens["models"][name] = entries

    config, model, entries = well_separated_model(prompts, multi_query=False, activation="gelu", seed=300)
    save_checkpoint("mha-fused-f32", config.to_dict(), fused_state(model, torch.float32, head="both"))
    goldens["models"]["mha-fused-f32"] = entries

    with open(os.path.join(ROOT, "goldens.json"), "w") as f:
        json.dump(goldens, f, ensure_ascii=False, indent=None, separators=(",", ":"))
    print("wrote", os.path.normpath(ROOT))


if __name__ == "__main__":
    main()
