//! The vocabulary of insurance attestations and their *claim tree*, shared by the insurance
//! pallet, its runtime API and the client (which builds trees, proofs and presentations).
//!
//! An insurer commits to a patient's coverage with the root of a claim tree: an RFC 9162 Merkle
//! tree ([`crate::merkle_log`]) of exactly [`CLAIM_TREE_LEAVES`] leaves. Each [`Claim`] (the plan,
//! the member id, one leaf per covered [`CoverageClass`], the network tier, the co-payment class,
//! the coverage period) is a leaf `SHA-256(0x00 ‖ "healthchain:coverage-claim" ‖ salt ‖
//! SCALE(claim))` with a fresh random
//! 32-byte salt of its own ([`claim_leaf_hash`]); every other leaf is a random filler, and the
//! claims sit at random positions. Disclosing one claim means giving its salt and a
//! [`ClaimProof`] (its position and the 5 sibling hashes up to the root), which reveals that claim
//! and nothing else: not how many claims the tree holds, nor which, and no guess of an undisclosed
//! value can be confirmed from the sibling hashes, each salted or random.
//!
//! Nothing here is stored on chain: the chain holds only the root, and [`verify_claim`] runs in
//! the runtime API and in the client.

use crate::{
	merkle_log::{self, Hash, ProofError},
	Moment,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
#[cfg(feature = "std")]
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The number of leaves of every claim tree: claims and random fillers. A power of two, so every
/// proof has [`CLAIM_PROOF_HASHES`] hashes and says nothing of the tree's contents.
pub const CLAIM_TREE_LEAVES: u64 = 32;

/// The hashes in a claim's proof: `log2(CLAIM_TREE_LEAVES)`.
pub const CLAIM_PROOF_HASHES: usize = 5;

/// The longest text of a claim (plan, member id, tier, co-payment class), in bytes.
pub const MAX_CLAIM_TEXT: usize = 64;

/// A class of care a coverage includes. Each covered class is a claim of its own, so that a
/// patient can prove "telemedicine is covered" without revealing that maternity is too. The
/// SCALE indices are fixed: new classes are appended.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
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
pub enum CoverageClass {
	/// Hospital inpatient care (X12 service type 48).
	#[codec(index = 0)]
	Inpatient,
	/// Hospital outpatient care (X12 50).
	#[codec(index = 1)]
	Outpatient,
	/// Prescription drugs (X12 88).
	#[codec(index = 2)]
	Pharmacy,
	/// Care delivered remotely by a practitioner.
	#[codec(index = 3)]
	Telemedicine,
	/// Dental care (X12 35).
	#[codec(index = 4)]
	Dental,
	/// Maternity (X12 69).
	#[codec(index = 5)]
	Maternity,
	/// Vision care (X12 AL).
	#[codec(index = 6)]
	Vision,
	/// Mental health (X12 MH).
	#[codec(index = 7)]
	MentalHealth,
	/// Emergency services (X12 86).
	#[codec(index = 8)]
	Emergency,
}

impl CoverageClass {
	/// Every class, in SCALE index order.
	pub const ALL: [CoverageClass; 9] = [
		CoverageClass::Inpatient,
		CoverageClass::Outpatient,
		CoverageClass::Pharmacy,
		CoverageClass::Telemedicine,
		CoverageClass::Dental,
		CoverageClass::Maternity,
		CoverageClass::Vision,
		CoverageClass::MentalHealth,
		CoverageClass::Emergency,
	];

	/// The class's name in claims files and on the command line (`mental_health`).
	pub fn name(self) -> &'static str {
		match self {
			CoverageClass::Inpatient => "inpatient",
			CoverageClass::Outpatient => "outpatient",
			CoverageClass::Pharmacy => "pharmacy",
			CoverageClass::Telemedicine => "telemedicine",
			CoverageClass::Dental => "dental",
			CoverageClass::Maternity => "maternity",
			CoverageClass::Vision => "vision",
			CoverageClass::MentalHealth => "mental_health",
			CoverageClass::Emergency => "emergency",
		}
	}

	/// The class named `name` (as [`CoverageClass::name`] writes it).
	pub fn from_name(name: &str) -> Option<CoverageClass> {
		Self::ALL.into_iter().find(|class| class.name() == name)
	}
}

/// One fact of a coverage, committed to as one leaf of the claim tree. Texts are UTF-8 of at
/// most [`MAX_CLAIM_TEXT`] bytes as the client writes them; the tree commits to the bytes.
/// The SCALE indices are fixed: new kinds of claim are appended.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum Claim {
	/// The insurance plan's id (FHIR `Coverage.class` of type `plan`).
	#[codec(index = 0)]
	Plan(Vec<u8>),
	/// The patient's member id with the insurer (FHIR `Coverage.subscriberId`, or an
	/// `identifier` of type `MB`).
	#[codec(index = 1)]
	Member(Vec<u8>),
	/// The coverage includes this class of care.
	#[codec(index = 2)]
	Coverage(CoverageClass),
	/// The provider network tier (FHIR R5 `Coverage.network`).
	#[codec(index = 3)]
	NetworkTier(Vec<u8>),
	/// The co-payment class (FHIR `Coverage.costToBeneficiary`, of type `copay`).
	#[codec(index = 4)]
	CopayClass(Vec<u8>),
	/// The coverage period, Unix milliseconds, `end` excluded (FHIR `Coverage.period`); the
	/// attestation on chain carries the same period in clear.
	#[codec(index = 5)]
	Period {
		/// Its first moment.
		start: Moment,
		/// The first moment after it.
		end: Moment,
	},
}

impl Claim {
	/// The name by which a claim of this kind is disclosed (`plan`, `member`, `network_tier`,
	/// `copay_class`, `period`, or a coverage class's name such as `telemedicine`).
	pub fn name(&self) -> &'static str {
		match self {
			Claim::Plan(_) => "plan",
			Claim::Member(_) => "member",
			Claim::Coverage(class) => class.name(),
			Claim::NetworkTier(_) => "network_tier",
			Claim::CopayClass(_) => "copay_class",
			Claim::Period { .. } => "period",
		}
	}
}

/// Where a claim sits in its tree and the sibling hashes from its leaf to the root: an RFC 9162
/// inclusion proof in a tree of [`CLAIM_TREE_LEAVES`] leaves.
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
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub struct ClaimProof {
	/// The claim's leaf index, below [`CLAIM_TREE_LEAVES`].
	pub index: u8,
	/// The sibling hashes, leaf side first.
	pub path: [Hash; CLAIM_PROOF_HASHES],
}

/// The domain tag of a claim's leaf: no claim leaf is the leaf of anything else hashed the
/// RFC 9162 way (a trial's data record, say).
pub const CLAIM_LEAF_TAG: &[u8] = b"healthchain:coverage-claim";

/// The leaf hash of `claim` with its `salt`: `SHA-256(0x00 ‖ "healthchain:coverage-claim" ‖
/// salt ‖ SCALE(claim))`. The tag and the salt have fixed lengths and SCALE is self-delimiting,
/// so no two (salt, claim) pairs share a leaf.
pub fn claim_leaf_hash(claim: &Claim, salt: &[u8; 32]) -> Hash {
	let mut hasher = Sha256::new();
	hasher.update([0x00]);
	hasher.update(CLAIM_LEAF_TAG);
	hasher.update(salt);
	hasher.update(claim.encode());
	hasher.finalize().into()
}

/// Whether `proof` shows `claim`, with `salt`, to be a leaf of the claim tree whose root is
/// `root`.
pub fn verify_claim(
	root: &Hash,
	claim: &Claim,
	salt: &[u8; 32],
	proof: &ClaimProof,
) -> Result<(), ProofError> {
	merkle_log::verify_inclusion(
		u64::from(proof.index),
		CLAIM_TREE_LEAVES,
		&claim_leaf_hash(claim, salt),
		&proof.path,
		root,
	)
}

/// The root of the claim tree over `leaves`; `None` unless there are exactly
/// [`CLAIM_TREE_LEAVES`].
pub fn claim_tree_root(leaves: &[Hash]) -> Option<Hash> {
	(leaves.len() as u64 == CLAIM_TREE_LEAVES)
		.then(|| merkle_log::Tree::from_leaves(leaves.iter().copied()).root())
}

/// The proof of leaf `index` of the claim tree over `leaves`; `None` unless there are exactly
/// [`CLAIM_TREE_LEAVES`] leaves and `index` is one of them.
pub fn claim_proof(leaves: &[Hash], index: u8) -> Option<ClaimProof> {
	if leaves.len() as u64 != CLAIM_TREE_LEAVES {
		return None;
	}
	let tree = merkle_log::Tree::from_leaves(leaves.iter().copied());
	let path: Vec<Hash> = tree.inclusion_proof(u64::from(index), CLAIM_TREE_LEAVES)?;
	Some(ClaimProof { index, path: path.try_into().ok()? })
}

#[cfg(test)]
mod tests {
	use super::*;

	fn hex(hash: &Hash) -> String {
		hash.iter().map(|b| format!("{b:02x}")).collect()
	}

	/// A tree whose leaf `i` is claim `i` of `claims` (salt `[i; 32]`) and whose other leaves are
	/// the fillers `[0xf0 + (i % 16); 32]`.
	fn leaves(claims: &[Claim]) -> Vec<Hash> {
		(0..CLAIM_TREE_LEAVES as usize)
			.map(|i| match claims.get(i) {
				Some(claim) => claim_leaf_hash(claim, &[i as u8; 32]),
				None => [0xf0 + (i % 16) as u8; 32],
			})
			.collect()
	}

	fn claims() -> Vec<Claim> {
		vec![
			Claim::Plan(b"GOLD-2026".to_vec()),
			Claim::Member(b"M-0012345".to_vec()),
			Claim::Coverage(CoverageClass::Telemedicine),
			Claim::Coverage(CoverageClass::Maternity),
			Claim::NetworkTier(b"preferred".to_vec()),
			Claim::CopayClass(b"B".to_vec()),
			Claim::Period { start: 1_767_225_600_000, end: 1_798_761_600_000 },
		]
	}

	/// The leaf encoding, fixed: these bytes are what a second implementation (a wallet) must
	/// hash. The hex vectors here were computed independently (Python's `hashlib` over the bytes
	/// spelled out by hand). SCALE of `Plan("GOLD-2026")` is the index 0, the compact length 9 (`0x24`) and the
	/// bytes.
	#[test]
	fn leaf_vectors() {
		assert_eq!(
			Claim::Plan(b"GOLD-2026".to_vec()).encode(),
			[&[0x00, 0x24][..], b"GOLD-2026"].concat()
		);
		assert_eq!(Claim::Coverage(CoverageClass::Telemedicine).encode(), [0x02, 0x03]);
		let salt = [7u8; 32];
		let mut data = vec![0x00];
		data.extend_from_slice(b"healthchain:coverage-claim");
		data.extend_from_slice(&salt);
		data.extend_from_slice(&[0x02, 0x03]);
		let expected: Hash = Sha256::digest(&data).into();
		assert_eq!(claim_leaf_hash(&Claim::Coverage(CoverageClass::Telemedicine), &salt), expected);
		assert_eq!(
			hex(&expected),
			"e03be4ce4ccf092851b8e652cda6b3d9e89080952bffd2af69ecbefebad9cec3",
			"leaf of Coverage(Telemedicine) with salt [7; 32]"
		);
	}

	/// The root of the test tree, fixed, and every claim's proof verifies against it.
	#[test]
	fn tree_vector_and_every_proof() {
		let claims = claims();
		let leaves = leaves(&claims);
		let root = claim_tree_root(&leaves).expect("32 leaves");
		assert_eq!(hex(&root), "e795ca4992094af2fda36c97eb96ec86a0a0a1c9975e317ba7a589fa8abced28");
		for (i, claim) in claims.iter().enumerate() {
			let proof = claim_proof(&leaves, i as u8).expect("a leaf");
			assert_eq!(verify_claim(&root, claim, &[i as u8; 32], &proof), Ok(()), "{claim:?}");
		}
	}

	#[test]
	fn changed_value_salt_position_or_root_fails() {
		let claims = claims();
		let leaves = leaves(&claims);
		let root = claim_tree_root(&leaves).expect("32 leaves");
		let proof = claim_proof(&leaves, 0).expect("a leaf");
		let plan = Claim::Plan(b"GOLD-2026".to_vec());
		assert_eq!(verify_claim(&root, &plan, &[0; 32], &proof), Ok(()));
		let mismatch = Err(ProofError::RootMismatch);
		assert_eq!(
			verify_claim(&root, &Claim::Plan(b"PLATINUM".to_vec()), &[0; 32], &proof),
			mismatch
		);
		assert_eq!(verify_claim(&root, &plan, &[1; 32], &proof), mismatch);
		assert_eq!(
			verify_claim(&root, &plan, &[0; 32], &ClaimProof { index: 1, ..proof }),
			mismatch
		);
		assert_eq!(verify_claim(&[9; 32], &plan, &[0; 32], &proof), mismatch);
		// A claim that is not in the tree: maternity is, vision is not.
		let vision = Claim::Coverage(CoverageClass::Vision);
		let proof3 = claim_proof(&leaves, 3).expect("a leaf");
		assert_eq!(verify_claim(&root, &vision, &[3; 32], &proof3), mismatch);
		assert_eq!(
			verify_claim(&root, &plan, &[0; 32], &ClaimProof { index: 32, ..proof }),
			Err(ProofError::IndexOutOfRange)
		);
	}

	/// For a power of two, RFC 9162's tree is the plain pairwise tree: the root agrees with it.
	#[test]
	fn root_agrees_with_pairwise_hashing() {
		let leaves = leaves(&claims());
		let root = claim_tree_root(&leaves).expect("32 leaves");
		// Rebuild bottom-up by RFC 9162's definition for a power of two: pairwise node hashes.
		let mut level = leaves.clone();
		while level.len() > 1 {
			level = level
				.chunks(2)
				.map(|pair| {
					let mut hasher = Sha256::new();
					hasher.update([0x01]);
					hasher.update(pair[0]);
					hasher.update(pair[1]);
					hasher.finalize().into()
				})
				.collect();
		}
		assert_eq!(level[0], root);
	}

	#[test]
	fn trees_of_other_sizes_have_no_root_nor_proof() {
		let leaves = leaves(&claims());
		assert_eq!(claim_tree_root(&leaves[..31]), None);
		assert_eq!(claim_proof(&leaves[..31], 0), None);
		assert_eq!(claim_proof(&leaves, 32), None);
	}

	#[test]
	fn class_names_round_trip_and_match_serde() {
		for class in CoverageClass::ALL {
			assert_eq!(CoverageClass::from_name(class.name()), Some(class));
			assert_eq!(
				serde_json::to_string(&class).expect("json"),
				format!("\"{}\"", class.name())
			);
			assert_eq!(class.encode(), [class as u8]);
		}
		assert_eq!(CoverageClass::from_name("cosmetic"), None);
	}
}
