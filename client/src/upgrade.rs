//! Forkless runtime upgrades, as the consortium makes them: the council authorises the new
//! runtime's hash (`system.authorize_upgrade`, root-only, through
//! `consortium.dispatch_as_root`), then anyone submits the code
//! (`system.apply_authorized_upgrade`, free when it is the authorised one). Every node runs the
//! new runtime from the next block, without a restart.

use crate::{
	call::{Call, SystemCall},
	hash::Hash32,
};
use anyhow::{bail, Result};

/// The first bytes of a runtime: a wasm module (`\0asm`), or one compressed by
/// substrate-wasm-builder (`*.compact.compressed.wasm`).
const WASM_MAGIC: [u8; 4] = *b"\0asm";
const COMPRESSED_MAGIC: [u8; 8] = [82, 188, 83, 118, 70, 219, 142, 5];

/// Check that `code` looks like a runtime (wasm, plain or compressed).
pub fn check_code(code: &[u8]) -> Result<()> {
	if code.starts_with(&WASM_MAGIC) || code.starts_with(&COMPRESSED_MAGIC) {
		Ok(())
	} else {
		bail!(
			"not a runtime: neither wasm nor a compressed wasm blob (give the \
			 *.compact.compressed.wasm the runtime build writes)"
		)
	}
}

/// The hash the chain authorises an upgrade by: BLAKE2b-256 of the code, as submitted.
pub fn code_hash(code: &[u8]) -> Hash32 {
	use blake2::{digest::consts::U32, Blake2b, Digest};
	Hash32(Blake2b::<U32>::digest(code).into())
}

/// `system.authorize_upgrade(code_hash)` (root only): the chain then accepts `code` from
/// anyone, if its `spec_name` is the running runtime's and its `spec_version` higher.
pub fn authorize(code: &[u8]) -> Result<(Hash32, Call)> {
	check_code(code)?;
	let hash = code_hash(code);
	Ok((hash, SystemCall::authorize_upgrade { code_hash: hash.h256() }.into()))
}

/// `system.apply_authorized_upgrade(code)` (anyone; no fee when it is the authorised code).
pub fn apply(code: Vec<u8>) -> Result<Call> {
	check_code(&code)?;
	Ok(SystemCall::apply_authorized_upgrade { code }.into())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_wasm_is_taken_and_its_hash_is_blake2_256() {
		assert!(check_code(b"\0asm\x01\0\0\0").is_ok());
		assert!(check_code(&[82, 188, 83, 118, 70, 219, 142, 5, 1]).is_ok());
		let error = check_code(b"#!/bin/sh").unwrap_err().to_string();
		assert!(error.contains("not a runtime"), "{error}");
		// BLAKE2b-256 of the empty string.
		assert_eq!(
			hex::encode(code_hash(b"").0),
			"0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
		);
	}
}
