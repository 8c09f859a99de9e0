//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case.
//! `anchor_checkpoint` is measured over the length of its consistency proof, the only thing
//! its cost depends on: a log of one record and one of ten million differ only there.

use super::*;
use crate::Pallet as TrialAnchoring;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

/// A funded agent of a fresh organisation accredited as trial sponsor.
fn sponsor_agent<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("sponsor", 0, 0);
	T::Accreditation::make_accredited(&who, Role::TrialSponsor);
	let amount = T::TrialDeposit::get()
		.saturating_add(T::DocumentDeposit::get())
		.saturating_add(T::CheckpointDeposit::get())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// The trial every benchmark anchors for.
fn trial_id() -> TrialId {
	BoundedVec::truncate_from(b"NCT04368728".to_vec())
}

/// `who` registers the benchmarks' trial.
fn registered<T: Config>(who: &T::AccountId) -> Result<TrialId, BenchmarkError> {
	TrialAnchoring::<T>::register_trial(RawOrigin::Signed(who.clone()).into(), trial_id())?;
	Ok(trial_id())
}

/// Log sizes whose consistency proof holds `p` hashes (`1 <= p <= 64`), in the case that costs
/// the most hashes for that length: the older size one less than a power of two (not a power of
/// two itself, so every hash comes from the call), where nearly every step of the verification
/// hashes both the older and the newer root: about `2p` hashes.
pub fn sizes_for(p: u32) -> (u64, u64) {
	match p {
		0..=2 => (1, u64::from(p) + 1),
		64 => ((1 << 62) - 1, (1 << 62) + 1),
		_ => ((1 << (p - 1)) - 1, 1 << (p - 1)),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_trial() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), trial_id());
		assert!(TrialAnchoring::<T>::trial(&trial_id()).is_some());
		Ok(())
	}

	/// A later version: the previous one is read to refuse an unchanged document.
	#[benchmark]
	fn anchor_document() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		TrialAnchoring::<T>::anchor_document(
			RawOrigin::Signed(who.clone()).into(),
			trial.clone(),
			DocumentKind::StatisticalAnalysisPlan,
			[1; 32],
			ChangeReason::Initial,
		)?;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who.clone()),
			trial.clone(),
			DocumentKind::StatisticalAnalysisPlan,
			[2; 32],
			ChangeReason::SubstantialAmendment,
		);
		assert_eq!(LatestVersion::<T>::get(&trial, DocumentKind::StatisticalAnalysisPlan), Some(2));
		Ok(())
	}

	/// First enrolment: it reads the protocol's latest version besides the milestone.
	#[benchmark]
	fn anchor_milestone() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		TrialAnchoring::<T>::anchor_document(
			RawOrigin::Signed(who.clone()).into(),
			trial.clone(),
			DocumentKind::Protocol,
			[1; 32],
			ChangeReason::Initial,
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), trial.clone(), Milestone::FirstEnrolment);
		assert!(Milestones::<T>::contains_key(&trial, Milestone::FirstEnrolment));
		Ok(())
	}

	/// A checkpoint with a consistency proof of `p` hashes. The older log (its size and root)
	/// is what the proof's hashes lead to, so the chain verifies a real, valid proof between
	/// logs of the sizes [`sizes_for`] gives, up to 2^62 records.
	#[benchmark]
	fn anchor_checkpoint(p: Linear<1, MAX_PROOF_HASHES>) -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		let (size1, size2) = sizes_for(p);
		assert_eq!(merkle_log::consistency_proof_len(size1, size2), p);
		let proof: Vec<Hash> = (0..p).map(|i| [i as u8 ^ 0x5a; 32]).collect();
		let root1 = [0xa5; 32];
		let (old, new) = merkle_log::roots_from_consistency_proof(size1, size2, &root1, &proof)
			.map_err(|_| BenchmarkError::Stop("no proof of this length"))?;
		TrialAnchoring::<T>::set_log_for_benchmarks(&trial, size1, old);
		let proof = BoundedVec::truncate_from(proof);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), trial.clone(), size2, new, proof);
		assert_eq!(TrialAnchoring::<T>::trial(&trial).map(|t| t.log_size), Some(size2));
		Ok(())
	}

	#[benchmark]
	fn force_transfer_trial() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		let other: T::AccountId = account("other", 0, 0);
		let to = T::Accreditation::make_accredited(&other, Role::TrialSponsor);
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, trial.clone(), to);
		assert_eq!(TrialAnchoring::<T>::trial(&trial).map(|t| t.sponsor), Some(to));
		Ok(())
	}

	/// Back to a stored checkpoint, which is read.
	#[benchmark]
	fn force_rewind_log() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		// Two checkpoints: one record, then two.
		let leaves = [merkle_log::leaf_hash(b"0"), merkle_log::leaf_hash(b"1")];
		let tree = merkle_log::Tree::from_leaves(leaves);
		for (size, proof) in [(1u64, Vec::new()), (2, alloc::vec![leaves[1]])] {
			TrialAnchoring::<T>::anchor_checkpoint(
				RawOrigin::Signed(who.clone()).into(),
				trial.clone(),
				size,
				tree.root_at(size).unwrap_or_default(),
				BoundedVec::truncate_from(proof),
			)?;
		}
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, trial.clone(), Some(0));
		assert_eq!(TrialAnchoring::<T>::trial(&trial).and_then(|t| t.head), Some(0));
		Ok(())
	}

	impl_benchmark_test_suite!(
		TrialAnchoring,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
