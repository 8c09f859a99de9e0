//! Append-only Merkle logs as RFC 9162 (Certificate Transparency v2, section 2.1) defines them:
//! the tree, inclusion proofs and consistency proofs, with SHA-256.
//!
//! - A leaf's hash is `SHA-256(0x00 ‖ leaf data)`, an interior node's `SHA-256(0x01 ‖ left ‖
//!   right)`, and the root of the empty log is `SHA-256()` (of no bytes).
//! - The tree over `n > 1` leaves splits at `k`, the largest power of two smaller than `n`: the
//!   left subtree holds the first `k` leaves, the right one the rest.
//! - An *inclusion proof* shows that a leaf is the `index`-th of a log of `size` leaves with a
//!   given root; a *consistency proof* shows that the log of `size1` leaves with one root is a
//!   prefix of the log of `size2` leaves with another: nothing of it was dropped, reordered or
//!   changed. Both are lists of at most 64 hashes for any log of fewer than 2^63 leaves.
//!
//! This one module is used by the runtime (which verifies consistency proofs before it anchors a
//! checkpoint, and inclusion proofs for its runtime API) and by the client (which keeps the log,
//! computes both kinds of proof and verifies them offline). The verifiers follow RFC 9162
//! sections 2.1.3.2 and 2.1.4.2 step by step; [`Tree`] builds proofs in `O(log² n)` hashes from
//! the levels it keeps, so a client can prove every record of a large log.
//!
//! For clinical-trial data logs the leaf data of a record is its content's SHA-256, a salt and
//! its path ([`record_leaf_hash`]): the path is part of what is proven, so a file renamed or
//! moved to another visit's folder is a change, like a changed byte.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
#[cfg(feature = "std")]
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A SHA-256 hash: a leaf's, a node's or a log's root.
pub type Hash = [u8; 32];

/// The most hashes an inclusion or a consistency proof of a log of fewer than 2^63 leaves holds.
pub const MAX_PROOF_HASHES: u32 = 64;

/// Why a proof does not prove what it was given to prove.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum ProofError {
	/// The leaf index is not smaller than the size of the log.
	IndexOutOfRange,
	/// The second size is smaller than the first: a log never shrinks.
	SizeDecreased,
	/// The proof holds more or fewer hashes than a proof between these sizes (or for this
	/// index) does.
	WrongLength,
	/// The proof leads to other roots than the ones given: the leaf is not in the log, or the
	/// older log is not a prefix of the newer one.
	RootMismatch,
}

/// `SHA-256()`: the root of the empty log.
pub fn empty_root() -> Hash {
	Sha256::digest(b"").into()
}

/// The hash of a leaf holding `data`: `SHA-256(0x00 ‖ data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
	let mut hasher = Sha256::new();
	hasher.update([0x00]);
	hasher.update(data);
	hasher.finalize().into()
}

/// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
	let mut hasher = Sha256::new();
	hasher.update([0x01]);
	hasher.update(left);
	hasher.update(right);
	hasher.finalize().into()
}

/// The leaf hash of a data record in a trial's log: the leaf data is the record's content hash
/// (SHA-256 of the file), a random 32-byte salt of the record's own, and its path, as UTF-8 with
/// `/` between folders and starting with the name of the folder the sponsor logs. The hash and
/// the salt have fixed lengths, so the split is unambiguous. The salt keeps a leaf hash, which the proofs of
/// other records carry in their paths, from confirming a guess of a small file's content.
pub fn record_leaf_hash(content: &Hash, salt: &[u8; 32], path: &str) -> Hash {
	let mut hasher = Sha256::new();
	hasher.update([0x00]);
	hasher.update(content);
	hasher.update(salt);
	hasher.update(path.as_bytes());
	hasher.finalize().into()
}

/// The largest power of two smaller than `n`, for `n > 1`: where RFC 9162 splits a tree.
fn split(n: u64) -> u64 {
	debug_assert!(n > 1);
	1u64 << (63 - (n - 1).leading_zeros())
}

/// The root a `proof` that `leaf` is the `index`-th of a log of `size` leaves leads to
/// (RFC 9162, section 2.1.3.2, steps 1 to 4); [`verify_inclusion`] compares it with a root.
pub fn root_from_inclusion_proof(
	index: u64,
	size: u64,
	leaf: &Hash,
	proof: &[Hash],
) -> Result<Hash, ProofError> {
	if index >= size {
		return Err(ProofError::IndexOutOfRange);
	}
	let (mut fnode, mut snode) = (index, size - 1);
	let mut root = *leaf;
	for sibling in proof {
		if snode == 0 {
			return Err(ProofError::WrongLength);
		}
		if fnode & 1 == 1 || fnode == snode {
			root = node_hash(sibling, &root);
			if fnode & 1 == 0 {
				while fnode & 1 == 0 && fnode != 0 {
					fnode >>= 1;
					snode >>= 1;
				}
			}
		} else {
			root = node_hash(&root, sibling);
		}
		fnode >>= 1;
		snode >>= 1;
	}
	if snode != 0 {
		return Err(ProofError::WrongLength);
	}
	Ok(root)
}

/// Whether `proof` shows that `leaf` (a leaf hash) is the `index`-th leaf of the log of `size`
/// leaves whose root is `root` (RFC 9162, section 2.1.3.2).
pub fn verify_inclusion(
	index: u64,
	size: u64,
	leaf: &Hash,
	proof: &[Hash],
	root: &Hash,
) -> Result<(), ProofError> {
	if root_from_inclusion_proof(index, size, leaf, proof)? == *root {
		Ok(())
	} else {
		Err(ProofError::RootMismatch)
	}
}

/// Whether `proof` shows that the log of `size1` leaves with root `root1` is a prefix of the log
/// of `size2` leaves with root `root2` (RFC 9162, section 2.1.4.2).
///
/// The cases the RFC's algorithm leaves out are decided as Certificate Transparency logs decide
/// them: the empty log is a prefix of every log (an empty proof); a log is consistent with itself
/// when the roots are equal (an empty proof); any other case needs a non-empty proof.
pub fn verify_consistency(
	size1: u64,
	size2: u64,
	root1: &Hash,
	root2: &Hash,
	proof: &[Hash],
) -> Result<(), ProofError> {
	if size2 < size1 {
		return Err(ProofError::SizeDecreased);
	}
	if size1 == 0 || size1 == size2 {
		if !proof.is_empty() {
			return Err(ProofError::WrongLength);
		}
		return if size1 == 0 || root1 == root2 { Ok(()) } else { Err(ProofError::RootMismatch) };
	}
	let (old, new) = roots_from_consistency_proof(size1, size2, root1, proof)?;
	if old == *root1 && new == *root2 {
		Ok(())
	} else {
		Err(ProofError::RootMismatch)
	}
}

/// The roots of the older and the newer log that a consistency `proof` from `size1` to `size2`
/// leads to, for `0 < size1 < size2` (RFC 9162, section 2.1.4.2, steps 1 to 6). When `size1` is
/// a power of two the older root is the proof's implicit first hash, so `root1` is used there
/// (and comes back unchanged). [`verify_consistency`] compares both with the roots given.
pub fn roots_from_consistency_proof(
	size1: u64,
	size2: u64,
	root1: &Hash,
	proof: &[Hash],
) -> Result<(Hash, Hash), ProofError> {
	if size2 < size1 {
		return Err(ProofError::SizeDecreased);
	}
	if size1 == 0 || size1 == size2 {
		return Err(ProofError::WrongLength);
	}
	// Step 1: a non-trivial proof is never empty.
	let Some((first, rest)) = proof.split_first() else {
		return Err(ProofError::WrongLength);
	};
	// Step 2: when size1 is a power of two, the old root is the proof's implicit first hash.
	let (start, rest) = if size1.is_power_of_two() { (root1, proof) } else { (first, rest) };
	// Steps 3 and 4.
	let (mut fnode, mut snode) = (size1 - 1, size2 - 1);
	while fnode & 1 == 1 {
		fnode >>= 1;
		snode >>= 1;
	}
	// Step 5.
	let (mut old, mut new) = (*start, *start);
	// Step 6.
	for hash in rest {
		if snode == 0 {
			return Err(ProofError::WrongLength);
		}
		if fnode & 1 == 1 || fnode == snode {
			old = node_hash(hash, &old);
			new = node_hash(hash, &new);
			if fnode & 1 == 0 {
				while fnode & 1 == 0 && fnode != 0 {
					fnode >>= 1;
					snode >>= 1;
				}
			}
		} else {
			new = node_hash(&new, hash);
		}
		fnode >>= 1;
		snode >>= 1;
	}
	// Step 7 (the rest is the caller's comparison).
	if snode != 0 {
		return Err(ProofError::WrongLength);
	}
	Ok((old, new))
}

/// How many hashes the consistency proof from `size1` to `size2` leaves holds
/// (`size1 <= size2`), computed from the sizes alone: what a checkpoint between logs of these
/// sizes carries.
pub fn consistency_proof_len(size1: u64, size2: u64) -> u32 {
	fn subproof(m: u64, n: u64, whole: bool) -> u32 {
		if m == n {
			return u32::from(!whole);
		}
		let k = split(n);
		1 + if m <= k { subproof(m, k, whole) } else { subproof(m - k, n - k, false) }
	}
	if size1 == 0 || size1 >= size2 {
		0
	} else {
		subproof(size1, size2, true)
	}
}

/// How many hashes the inclusion proof of leaf `index` in a log of `size` leaves holds
/// (`index < size`), computed from the sizes alone.
pub fn inclusion_proof_len(index: u64, size: u64) -> u32 {
	if index >= size || size == 1 {
		return 0;
	}
	let k = split(size);
	1 + if index < k {
		inclusion_proof_len(index, k)
	} else {
		inclusion_proof_len(index - k, size - k)
	}
}

/// A log held in full: its leaf hashes and every complete subtree's hash above them, so that the
/// root of any prefix and any proof cost `O(log² n)` hashes rather than `O(n)`.
#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub struct Tree {
	/// `levels[0]` are the leaf hashes; `levels[h][j]` is the root of the complete subtree over
	/// leaves `j·2^h .. (j+1)·2^h`, present once all its leaves are.
	levels: Vec<Vec<Hash>>,
}

impl Tree {
	/// The empty log.
	pub fn new() -> Self {
		Self::default()
	}

	/// The log of these leaf hashes, in order.
	pub fn from_leaves(leaves: impl IntoIterator<Item = Hash>) -> Self {
		let mut tree = Self::new();
		for leaf in leaves {
			tree.push(leaf);
		}
		tree
	}

	/// Appends a leaf hash.
	pub fn push(&mut self, leaf: Hash) {
		let mut node = leaf;
		let mut height = 0;
		loop {
			if self.levels.len() == height {
				self.levels.push(Vec::new());
			}
			let level = &mut self.levels[height];
			level.push(node);
			if level.len() % 2 == 1 {
				return;
			}
			node = node_hash(&level[level.len() - 2], &level[level.len() - 1]);
			height += 1;
		}
	}

	/// How many leaves the log holds.
	pub fn len(&self) -> u64 {
		self.leaves().len() as u64
	}

	/// Whether the log holds no leaf.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// The leaf hashes, in order.
	pub fn leaves(&self) -> &[Hash] {
		self.levels.first().map(Vec::as_slice).unwrap_or(&[])
	}

	/// The root of the subtree over leaves `start .. start + size` (`size > 0`, within the log),
	/// a node of the RFC's tree: `start` is a multiple of the largest power of two not above
	/// `size`.
	fn subtree(&self, start: u64, size: u64) -> Hash {
		if size.is_power_of_two() {
			let height = size.trailing_zeros() as usize;
			if let Some(hash) =
				self.levels.get(height).and_then(|level| level.get((start >> height) as usize))
			{
				return *hash;
			}
		}
		let k = split(size);
		node_hash(&self.subtree(start, k), &self.subtree(start + k, size - k))
	}

	/// The root of the log's first `size` leaves; `None` when it holds fewer.
	pub fn root_at(&self, size: u64) -> Option<Hash> {
		match size {
			0 => Some(empty_root()),
			_ if size > self.len() => None,
			_ => Some(self.subtree(0, size)),
		}
	}

	/// The root of the whole log.
	pub fn root(&self) -> Hash {
		self.root_at(self.len()).unwrap_or_else(empty_root)
	}

	/// The inclusion proof of the `index`-th leaf in the log's first `size` leaves (RFC 9162,
	/// section 2.1.3.1); `None` unless `index < size <= len()`.
	pub fn inclusion_proof(&self, index: u64, size: u64) -> Option<Vec<Hash>> {
		if index >= size || size > self.len() {
			return None;
		}
		let mut proof = Vec::new();
		self.path(index, 0, size, &mut proof);
		Some(proof)
	}

	/// `PATH(m, D[start .. start + n])`, leaf side first.
	fn path(&self, m: u64, start: u64, n: u64, proof: &mut Vec<Hash>) {
		if n == 1 {
			return;
		}
		let k = split(n);
		if m < k {
			self.path(m, start, k, proof);
			proof.push(self.subtree(start + k, n - k));
		} else {
			self.path(m - k, start + k, n - k, proof);
			proof.push(self.subtree(start, k));
		}
	}

	/// The consistency proof from the log's first `size1` leaves to its first `size2` (RFC 9162,
	/// section 2.1.4.1); empty when `size1` is 0 or equals `size2`; `None` unless
	/// `size1 <= size2 <= len()`.
	pub fn consistency_proof(&self, size1: u64, size2: u64) -> Option<Vec<Hash>> {
		if size1 > size2 || size2 > self.len() {
			return None;
		}
		let mut proof = Vec::new();
		if size1 > 0 {
			self.subproof(size1, 0, size2, true, &mut proof);
		}
		Some(proof)
	}

	/// `SUBPROOF(m, D[start .. start + n], b)`.
	fn subproof(&self, m: u64, start: u64, n: u64, whole: bool, proof: &mut Vec<Hash>) {
		if m == n {
			if !whole {
				proof.push(self.subtree(start, n));
			}
			return;
		}
		let k = split(n);
		if m <= k {
			self.subproof(m, start, k, whole, proof);
			proof.push(self.subtree(start + k, n - k));
		} else {
			self.subproof(m - k, start + k, n - k, false, proof);
			proof.push(self.subtree(start, k));
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn h(hex: &str) -> Hash {
		let mut out = [0u8; 32];
		for (i, byte) in out.iter_mut().enumerate() {
			*byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex");
		}
		out
	}

	fn bytes(hex: &str) -> Vec<u8> {
		(0..hex.len() / 2)
			.map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
			.collect()
	}

	// The Certificate Transparency reference vectors (RFC 6962's tree is RFC 9162's), as
	// transparency-dev/merkle publishes them in `proof/verify_test.go`: the leaf data, the root
	// of every prefix, and proofs between them (leaf numbers there count from 1).
	const LEAF_DATA: [&str; 8] = [
		"",
		"00",
		"10",
		"2021",
		"3031",
		"40414243",
		"5051525354555657",
		"606162636465666768696a6b6c6d6e6f",
	];
	const ROOTS: [&str; 9] = [
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
		"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
		"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
		"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
		"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
		"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
	];
	/// (index from 0, size, proof)
	const INCLUSION: [(u64, u64, &[&str]); 5] = [
		(0, 1, &[]),
		(
			0,
			8,
			&[
				"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
				"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
				"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
			],
		),
		(
			5,
			8,
			&[
				"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
				"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
				"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
			],
		),
		(2, 3, &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
		(
			1,
			5,
			&[
				"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
				"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
				"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
			],
		),
	];
	/// (size1, size2, proof)
	const CONSISTENCY: [(u64, u64, &[&str]); 5] = [
		(1, 1, &[]),
		(
			1,
			8,
			&[
				"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
				"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
				"6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
			],
		),
		(
			6,
			8,
			&[
				"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
				"ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
				"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
			],
		),
		(
			2,
			5,
			&[
				"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
				"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
			],
		),
		(
			6,
			7,
			&[
				"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
				"b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
				"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
			],
		),
	];

	fn reference_tree() -> Tree {
		Tree::from_leaves(LEAF_DATA.iter().map(|data| leaf_hash(&bytes(data))))
	}

	fn hashes(list: &[&str]) -> Vec<Hash> {
		list.iter().map(|hex| h(hex)).collect()
	}

	#[test]
	fn roots_match_the_certificate_transparency_vectors() {
		assert_eq!(empty_root(), h(ROOTS[0]));
		let tree = reference_tree();
		for (size, root) in ROOTS.iter().enumerate() {
			assert_eq!(tree.root_at(size as u64), Some(h(root)), "root of the first {size} leaves");
		}
		assert_eq!(tree.root_at(9), None);
		// Built one leaf at a time, the tree has the same roots.
		let mut grown = Tree::new();
		assert_eq!(grown.root(), h(ROOTS[0]));
		for (size, data) in LEAF_DATA.iter().enumerate() {
			grown.push(leaf_hash(&bytes(data)));
			assert_eq!(grown.root(), h(ROOTS[size + 1]));
		}
	}

	#[test]
	fn inclusion_proofs_match_the_vectors_and_verify() {
		let tree = reference_tree();
		for (index, size, proof) in INCLUSION {
			let proof = hashes(proof);
			assert_eq!(tree.inclusion_proof(index, size), Some(proof.clone()), "{index} in {size}");
			let leaf = tree.leaves()[index as usize];
			assert_eq!(
				verify_inclusion(index, size, &leaf, &proof, &h(ROOTS[size as usize])),
				Ok(())
			);
		}
	}

	#[test]
	fn consistency_proofs_match_the_vectors_and_verify() {
		let tree = reference_tree();
		for (size1, size2, proof) in CONSISTENCY {
			let proof = hashes(proof);
			assert_eq!(tree.consistency_proof(size1, size2), Some(proof.clone()));
			let (root1, root2) = (h(ROOTS[size1 as usize]), h(ROOTS[size2 as usize]));
			assert_eq!(verify_consistency(size1, size2, &root1, &root2, &proof), Ok(()));
		}
	}

	// The edge cases transparency-dev/merkle's `TestVerifyConsistency` checks.
	#[test]
	fn consistency_edge_cases_are_decided_as_certificate_transparency_decides_them() {
		let (a, b, empty) = ([1u8; 32], [2u8; 32], h(ROOTS[0]));
		assert_eq!(verify_consistency(0, 0, &a, &b, &[]), Ok(()));
		assert_eq!(verify_consistency(0, 1, &a, &b, &[]), Ok(()));
		assert_eq!(verify_consistency(1, 1, &b, &b, &[]), Ok(()));
		assert_eq!(verify_consistency(1, 1, &a, &b, &[]), Err(ProofError::RootMismatch));
		assert_eq!(verify_consistency(1, 0, &a, &b, &[]), Err(ProofError::SizeDecreased));
		assert_eq!(verify_consistency(2, 1, &a, &b, &[]), Err(ProofError::SizeDecreased));
		assert_eq!(verify_consistency(1, 2, &a, &b, &[]), Err(ProofError::WrongLength));
		assert_eq!(
			verify_consistency(0, 1, &empty, &empty, &[empty]),
			Err(ProofError::WrongLength)
		);
		assert_eq!(
			verify_consistency(1, 1, &empty, &empty, &[empty]),
			Err(ProofError::WrongLength)
		);
		// Inclusion: an index at or beyond the size proves nothing.
		assert_eq!(verify_inclusion(0, 0, &a, &[], &a), Err(ProofError::IndexOutOfRange));
		assert_eq!(verify_inclusion(2, 1, &a, &[], &a), Err(ProofError::IndexOutOfRange));
		assert_eq!(verify_inclusion(0, 1, &a, &[], &a), Ok(()));
		assert_eq!(verify_inclusion(0, 1, &a, &[], &b), Err(ProofError::RootMismatch));
	}

	fn synthetic(n: u64) -> Tree {
		Tree::from_leaves((0..n).map(|i| leaf_hash(&i.to_le_bytes())))
	}

	/// Every way transparency-dev/merkle corrupts a good proof, and then some: none verifies.
	#[test]
	fn every_inclusion_proof_verifies_and_no_corruption_of_it_does() {
		let tree = synthetic(70);
		for size in 1..=70u64 {
			let root = tree.root_at(size).expect("within the log");
			for index in 0..size {
				let leaf = tree.leaves()[index as usize];
				let proof = tree.inclusion_proof(index, size).expect("in range");
				assert!(proof.len() as u32 <= MAX_PROOF_HASHES);
				assert_eq!(verify_inclusion(index, size, &leaf, &proof, &root), Ok(()));
				// Another index, another size, another leaf, another root.
				for other in [index.wrapping_sub(1), index + 1, index ^ 2] {
					if other != index {
						assert!(verify_inclusion(other, size, &leaf, &proof, &root).is_err());
					}
				}
				// (A proof does not always pin the size: RFC 9162's audit path is the same for
				// some neighbouring sizes, e.g. leaf 0 of 3 and of 4 leaves. The root does.)
				assert!(verify_inclusion(index, size, &[7; 32], &proof, &root).is_err());
				assert!(verify_inclusion(index, size, &leaf, &proof, &empty_root()).is_err());
				// A hash more at either end, a hash less, a hash changed in any bit position.
				let mut longer = proof.clone();
				longer.push(root);
				assert!(verify_inclusion(index, size, &leaf, &longer, &root).is_err());
				let mut longer = proof.clone();
				longer.insert(0, [0; 32]);
				assert!(verify_inclusion(index, size, &leaf, &longer, &root).is_err());
				if let Some((_, shorter)) = proof.split_last() {
					assert!(verify_inclusion(index, size, &leaf, shorter, &root).is_err());
				}
				for i in 0..proof.len() {
					let mut changed = proof.clone();
					changed[i][(index as usize + i) % 32] ^= 1 << (i % 8);
					assert!(verify_inclusion(index, size, &leaf, &changed, &root).is_err());
				}
			}
		}
	}

	#[test]
	fn every_consistency_proof_verifies_and_no_corruption_of_it_does() {
		let tree = synthetic(70);
		for size2 in 0..=70u64 {
			let root2 = tree.root_at(size2).expect("within the log");
			for size1 in 0..=size2 {
				let root1 = tree.root_at(size1).expect("within the log");
				let proof = tree.consistency_proof(size1, size2).expect("in range");
				assert!(proof.len() as u32 <= MAX_PROOF_HASHES);
				assert_eq!(verify_consistency(size1, size2, &root1, &root2, &proof), Ok(()));
				if size1 == 0 || size1 == size2 {
					continue;
				}
				assert!(verify_consistency(size1 - 1, size2, &root1, &root2, &proof).is_err());
				assert!(verify_consistency(size1 + 1, size2, &root1, &root2, &proof).is_err());
				// (Nor does a consistency proof always pin the newer size: the proof from 3 to 8
				// leaves also verifies from 3 to 7. The newer root commits to the records.)
				assert!(verify_consistency(size1, size2, &root2, &root1, &proof).is_err());
				assert!(verify_consistency(size1, size2, &[7; 32], &root2, &proof).is_err());
				assert!(verify_consistency(size1, size2, &root1, &[7; 32], &proof).is_err());
				assert!(verify_consistency(size1, size2, &root1, &root2, &[]).is_err());
				let mut longer = proof.clone();
				longer.push(root2);
				assert!(verify_consistency(size1, size2, &root1, &root2, &longer).is_err());
				let mut longer = proof.clone();
				longer.insert(0, proof[0]);
				assert!(verify_consistency(size1, size2, &root1, &root2, &longer).is_err());
				let shorter = &proof[..proof.len() - 1];
				assert!(verify_consistency(size1, size2, &root1, &root2, shorter).is_err());
				for i in 0..proof.len() {
					let mut changed = proof.clone();
					changed[i][(size1 as usize + i) % 32] ^= 1 << (i % 8);
					assert!(verify_consistency(size1, size2, &root1, &root2, &changed).is_err());
				}
			}
		}
	}

	/// What the chain refuses as `InconsistentLog`: a newer log whose first leaves are not the
	/// older log's, whichever way the sponsor rewrote them, has no consistency proof from the
	/// anchored root; the proof of the honest log does not carry over to the rewritten one.
	#[test]
	fn a_changed_dropped_or_reordered_leaf_breaks_consistency() {
		let leaves: Vec<Hash> = (0..40u64).map(|i| leaf_hash(&i.to_le_bytes())).collect();
		let honest = Tree::from_leaves(leaves.iter().copied());
		for size1 in 1..30u64 {
			let anchored = honest.root_at(size1).expect("within the log");
			let mut rewrites: Vec<Vec<Hash>> = Vec::new();
			for victim in 0..size1 as usize {
				let mut changed = leaves.clone();
				changed[victim][0] ^= 1;
				rewrites.push(changed);
				let mut dropped = leaves.clone();
				dropped.remove(victim);
				rewrites.push(dropped);
				if victim + 1 < leaves.len() {
					let mut swapped = leaves.clone();
					swapped.swap(victim, victim + 1);
					rewrites.push(swapped);
				}
			}
			for rewrite in rewrites {
				let tree = Tree::from_leaves(rewrite);
				let size2 = tree.len();
				let root2 = tree.root();
				let forged = tree.consistency_proof(size1, size2).expect("in range");
				assert_eq!(
					verify_consistency(size1, size2, &anchored, &root2, &forged),
					Err(ProofError::RootMismatch)
				);
				if let Some(honest_proof) = honest.consistency_proof(size1, size2) {
					assert!(
						verify_consistency(size1, size2, &anchored, &root2, &honest_proof).is_err()
					);
				}
			}
		}
	}

	#[test]
	fn proofs_of_logs_below_2_to_the_63_stay_within_64_hashes() {
		// The counts from the sizes alone agree with the proofs the tree builds.
		let tree = synthetic(40);
		for size2 in 1..=40 {
			for m in 0..size2 {
				let proof = tree.inclusion_proof(m, size2).expect("in range");
				assert_eq!(proof.len() as u32, inclusion_proof_len(m, size2));
				let proof = tree.consistency_proof(m + 1, size2).expect("in range");
				assert_eq!(proof.len() as u32, consistency_proof_len(m + 1, size2));
			}
		}
		let top = (1u64 << 63) - 1;
		let mut longest = 0;
		for size2 in [top, top - 1, (1 << 62) + 1, (1 << 62) + 3] {
			for m in [1, 2, 3, size2 / 3, size2 / 2 + 1, size2 - 1, (1 << 61) + 1] {
				longest =
					longest.max(inclusion_proof_len(m, size2)).max(consistency_proof_len(m, size2));
			}
		}
		assert!(longest <= MAX_PROOF_HASHES, "{longest}");
		assert!(longest >= 62, "the sizes tried reach near the bound: {longest}");
	}

	fn flat(proof: &[Hash]) -> Vec<u8> {
		proof.concat()
	}

	/// Roots and proofs, byte for byte, as an independent implementation of the same RFC builds
	/// them (the `ct-merkle` crate, over another SHA-256), for every prefix and every pair of
	/// sizes of a log of 100 leaves of varied lengths; and our verifiers accept its proofs.
	#[test]
	fn agrees_with_an_independent_implementation() {
		use ct_merkle::mem_backed_tree::MemoryBackedTree;
		let mut theirs: MemoryBackedTree<sha2_0_11::Sha256, Vec<u8>> = MemoryBackedTree::new();
		let mut ours = Tree::new();
		for i in 0..100u64 {
			let data = (i * i).to_le_bytes().repeat((i % 5) as usize);
			theirs.push(data.clone());
			ours.push(leaf_hash(&data));
			let size = i + 1;
			let root: Hash = theirs.root().as_bytes().as_slice().try_into().expect("32 bytes");
			assert_eq!(ours.root(), root, "root of {size} leaves");
			for index in 0..size {
				let proof = ours.inclusion_proof(index, size).expect("in range");
				assert_eq!(
					theirs.prove_inclusion(index as usize).as_bytes(),
					flat(&proof).as_slice(),
					"inclusion of {index} in {size}"
				);
				let leaf = ours.leaves()[index as usize];
				assert_eq!(verify_inclusion(index, size, &leaf, &proof, &root), Ok(()));
			}
			for size1 in 1..=size {
				let proof = ours.consistency_proof(size1, size).expect("in range");
				assert_eq!(
					theirs.prove_consistency((size - size1) as usize).as_bytes(),
					flat(&proof).as_slice(),
					"consistency of {size1} with {size}"
				);
			}
		}
	}

	#[test]
	fn a_records_salt_and_path_are_part_of_its_leaf() {
		let (content, salt) = ([9u8; 32], [3u8; 32]);
		let mut data = content.to_vec();
		data.extend_from_slice(&salt);
		data.extend_from_slice(b"visit-1/crf.csv");
		assert_eq!(record_leaf_hash(&content, &salt, "visit-1/crf.csv"), leaf_hash(&data));
		let leaf = record_leaf_hash(&content, &salt, "visit-1/crf.csv");
		assert_ne!(leaf, record_leaf_hash(&content, &salt, "visit-2/crf.csv"));
		assert_ne!(leaf, record_leaf_hash(&content, &[4; 32], "visit-1/crf.csv"));
	}
}
