#!/usr/bin/env python3
"""PyTorch baseline for Benchmarks/BigCodeBenchmark: the same random full-size SantaCoder
(GPTBigCodeForCausalLM, fp32, CPU), the same prompt and decode lengths.

Run by hand, with the environment of scripts/make_bigcode_goldens.py:
    .venv-goldens/bin/python Benchmarks/bigcode_torch_baseline.py [PROMPT_TOKENS] [NEW_TOKENS] [THREADS] [fp32|bf16]

bf16 runs the whole model in torch.bfloat16 (weights and activations), for comparison with the
runtime's bf16 weights; the issue's baseline is fp32.
"""
import resource
import sys
import time

import torch
from transformers import GPTBigCodeConfig, GPTBigCodeForCausalLM

prompt_tokens = int(sys.argv[1]) if len(sys.argv) > 1 else 512
new_tokens = int(sys.argv[2]) if len(sys.argv) > 2 else 64
torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
dtype = {"fp32": torch.float32, "bf16": torch.bfloat16}[sys.argv[4] if len(sys.argv) > 4 else "fp32"]

config = GPTBigCodeConfig(vocab_size=49280, n_positions=2048, n_embd=2048, n_layer=24, n_head=16, n_inner=8192,
                          activation_function="gelu_pytorch_tanh", multi_query=True)
start = time.perf_counter()
with torch.device("meta"):
    model = GPTBigCodeForCausalLM(config)
model = model.to_empty(device="cpu").to(dtype).eval()
with torch.no_grad():
    for parameter in model.parameters():
        parameter.uniform_(-0.0346, 0.0346)
print(f"random init ({dtype}): {time.perf_counter() - start:.1f} s")

ids = torch.randint(0, 49152, (1, prompt_tokens))
with torch.inference_mode():
    start = time.perf_counter()
    out = model(ids, use_cache=True)
    elapsed = time.perf_counter() - start
    print(f"prefill: {prompt_tokens} tokens in {elapsed:.2f} s = {prompt_tokens / elapsed:.1f} tokens/s")
    past = out.past_key_values
    token = out.logits[:, -1:].argmax(-1)
    start = time.perf_counter()
    for _ in range(new_tokens):
        out = model(token, past_key_values=past, use_cache=True)
        past, token = out.past_key_values, out.logits[:, -1:].argmax(-1)
    elapsed = time.perf_counter() - start
    print(f"decode: {new_tokens} tokens in {elapsed:.2f} s = {new_tokens / elapsed:.2f} tokens/s")
print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} kB")
