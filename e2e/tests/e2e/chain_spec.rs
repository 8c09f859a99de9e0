//! The committed chain specification is what the node generates.
//!
//! Everything but the runtime blob must be equal. The blob itself cannot be compared byte for
//! byte: a build from another checkout directory gives different bytes (cargo derives symbol
//! hashes from the package's path). So the test compares what identifies a runtime: the
//! `runtime_version` (spec name, spec, impl and transaction versions) and `runtime_apis` custom
//! sections the runtime embeds in its wasm. Any runtime change bumps `spec_version`, and so
//! shows here.

use healthchain_e2e::{node_binary, workspace_root};
use serde_json::Value;
use std::process::Command;

/// Read a LEB128 `u32` at `*at`.
fn leb128(bytes: &[u8], at: &mut usize) -> u32 {
	let (mut value, mut shift) = (0u32, 0);
	loop {
		let byte = bytes[*at];
		*at += 1;
		value |= u32::from(byte & 0x7f) << shift;
		if byte & 0x80 == 0 {
			return value;
		}
		shift += 7;
	}
}

/// The custom section `name` of a wasm module.
fn custom_section(wasm: &[u8], name: &str) -> Vec<u8> {
	assert_eq!(&wasm[..4], b"\0asm", "the chain spec holds an uncompressed wasm module");
	let mut at = 8;
	while at < wasm.len() {
		let id = wasm[at];
		at += 1;
		let size = leb128(wasm, &mut at) as usize;
		let end = at + size;
		if id == 0 {
			let mut name_at = at;
			let name_len = leb128(wasm, &mut name_at) as usize;
			if &wasm[name_at..name_at + name_len] == name.as_bytes() {
				return wasm[name_at + name_len..end].to_vec();
			}
		}
		at = end;
	}
	panic!("the runtime has no `{name}` section");
}

fn code(spec: &mut Value) -> Vec<u8> {
	let code = spec["genesis"]["runtimeGenesis"]["code"].take();
	let hex = code.as_str().expect("a code field").trim_start_matches("0x");
	(0..hex.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
		.collect()
}

#[test]
fn committed_local_chain_spec_matches_the_node() {
	let output = Command::new(node_binary().unwrap())
		.args(["export-chain-spec", "--chain", "local"])
		.output()
		.expect("healthchain-node runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let mut generated: Value =
		serde_json::from_slice(&output.stdout).expect("the node prints JSON");
	let path = workspace_root().join("chain-specs/local.json");
	let mut committed: Value = serde_json::from_str(
		&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
	)
	.expect("committed spec is JSON");

	let regenerate = "chain-specs/local.json drifted from the node: regenerate it with \
	                  `healthchain-node export-chain-spec --chain local > chain-specs/local.json`";
	let (generated_code, committed_code) = (code(&mut generated), code(&mut committed));
	assert!(
		custom_section(&generated_code, "runtime_version")
			== custom_section(&committed_code, "runtime_version"),
		"runtime_version differs; {regenerate}"
	);
	// `runtime_apis` is a list of (8-byte API id, 4-byte version) entries whose order depends on
	// how the linker laid out the runtime: compare them as a set.
	let apis = |code: &[u8]| {
		let mut entries: Vec<Vec<u8>> =
			custom_section(code, "runtime_apis").chunks(12).map(<[u8]>::to_vec).collect();
		entries.sort();
		entries
	};
	assert!(apis(&generated_code) == apis(&committed_code), "runtime_apis differs; {regenerate}");
	assert!(generated == committed, "{regenerate}");
	assert_eq!(committed["properties"]["tokenSymbol"], "HCT");
	let patch = &committed["genesis"]["runtimeGenesis"]["patch"];
	// Four founding validators with their session keys, and no sudo key.
	assert_eq!(patch["session"]["keys"].as_array().map(Vec::len), Some(4));
	assert_eq!(patch["validatorSet"]["validators"].as_array().map(Vec::len), Some(4));
	assert_eq!(patch["sudo"]["key"], Value::Null);
}
