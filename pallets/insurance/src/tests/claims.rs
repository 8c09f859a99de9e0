//! The salted claim tree: storage holds its root only, and claims verify against it.

use super::*;

/// The chain's storage after an attestation holds the root, the period, the patient and the
/// insurer: no claim value and no salt, in any key or value of the pallet.
#[test]
fn storage_holds_no_claim_value_and_no_salt() {
	ExtBuilder::default().build_and_execute(|| {
		attest();
		// Every key and value in storage, of every pallet.
		let mut everything = Vec::new();
		let mut key = Vec::new();
		while let Some(next) = sp_io::storage::next_key(&key) {
			everything.extend_from_slice(&next);
			everything.extend_from_slice(&sp_io::storage::get(&next).unwrap_or_default());
			key = next;
		}
		let contains = |needle: &[u8]| everything.windows(needle.len()).any(|w| w == needle);
		assert!(contains(&root()), "the commitment is stored (the search works)");
		for (i, claim) in claims().iter().enumerate() {
			assert!(!contains(&salt(i)), "the salt of {claim:?}");
			if let Claim::Plan(text) | Claim::Member(text) = claim {
				assert!(!contains(text), "{claim:?} in clear");
			}
			assert!(!contains(&coverage::claim_leaf_hash(claim, &salt(i))), "a leaf hash");
		}
	});
}

#[test]
fn claims_verify_against_the_commitment_only() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		let leaves = leaves();
		for (i, claim) in claims().iter().enumerate() {
			let proof = coverage::claim_proof(&leaves, i as u8).expect("a leaf");
			assert_eq!(Insurance::verify_claim(id, claim, &salt(i), &proof), Ok(()));
		}
		let proof = coverage::claim_proof(&leaves, 2).expect("a leaf");
		let telemedicine = Claim::Coverage(CoverageClass::Telemedicine);
		// Not in the commitment: dental is not covered.
		assert_eq!(
			Insurance::verify_claim(id, &Claim::Coverage(CoverageClass::Dental), &salt(2), &proof),
			Err(ClaimError::Proof(ProofError::RootMismatch))
		);
		// A changed value.
		let plan_proof = coverage::claim_proof(&leaves, 0).expect("a leaf");
		assert_eq!(
			Insurance::verify_claim(id, &Claim::Plan(b"PLATINUM".to_vec()), &salt(0), &plan_proof),
			Err(ClaimError::Proof(ProofError::RootMismatch))
		);
		assert_eq!(
			Insurance::verify_claim(id + 1, &telemedicine, &salt(2), &proof),
			Err(ClaimError::AttestationNotFound)
		);
	});
}
