//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case.
//! `anchor_checkpoint` is measured over the length of its consistency proof, the only thing
//! its cost depends on: a log of one record and one of ten million differ only there.

use super::*;
use crate::Pallet as TrialAnchoring;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{InspectHold, Mutate, MutateHold},
		tokens::Precision,
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, Zero};

/// A funded agent of a fresh organisation accredited as trial sponsor.
fn sponsor_agent<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("sponsor", 0, 0);
	T::Accreditation::make_accredited(&who, Role::TrialSponsor);
	let amount = T::TrialDeposit::get()
		.saturating_add(T::DocumentDeposit::get())
		.saturating_add(T::MilestoneDeposit::get())
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

/// `who` anchors the first version of every kind of document of `trial`.
fn every_document<T: Config>(who: &T::AccountId, trial: &TrialId) -> Result<(), BenchmarkError> {
	for (i, kind) in DocumentKind::ALL.into_iter().enumerate() {
		TrialAnchoring::<T>::anchor_document(
			RawOrigin::Signed(who.clone()).into(),
			trial.clone(),
			kind,
			[i as u8 + 100; 32],
			ChangeReason::Initial,
		)?;
	}
	Ok(())
}

/// `who` anchors every milestone of `trial`, after every kind of document.
fn every_milestone<T: Config>(who: &T::AccountId, trial: &TrialId) -> Result<(), BenchmarkError> {
	every_document::<T>(who, trial)?;
	for milestone in Milestone::ALL {
		TrialAnchoring::<T>::anchor_milestone(
			RawOrigin::Signed(who.clone()).into(),
			trial.clone(),
			milestone,
		)?;
	}
	Ok(())
}

/// `who` anchors two checkpoints of `trial`'s data log: one record, then two.
fn two_checkpoints<T: Config>(who: &T::AccountId, trial: &TrialId) -> Result<(), BenchmarkError> {
	let leaves = [merkle_log::leaf_hash(b"0"), merkle_log::leaf_hash(b"1")];
	let tree = merkle_log::Tree::from_leaves(leaves);
	for (log_size, proof) in [(1u64, Vec::new()), (2, alloc::vec![leaves[1]])] {
		TrialAnchoring::<T>::anchor_checkpoint(
			RawOrigin::Signed(who.clone()).into(),
			trial.clone(),
			log_size,
			tree.root_at(log_size).unwrap_or_default(),
			BoundedVec::truncate_from(proof),
		)?;
	}
	Ok(())
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

	/// Database lock, after first enrolment, with a version of every kind of document: it
	/// reads the previous milestone and the four latest versions (the analysis plan's among
	/// them), and holds the deposit.
	#[benchmark]
	fn anchor_milestone() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		every_document::<T>(&who, &trial)?;
		TrialAnchoring::<T>::anchor_milestone(
			RawOrigin::Signed(who.clone()).into(),
			trial.clone(),
			Milestone::FirstEnrolment,
		)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), trial.clone(), Milestone::DatabaseLock);
		let record = Milestones::<T>::get(&trial, Milestone::DatabaseLock);
		assert_eq!(record.map(|record| record.in_force.len()), Some(4));
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
		// A head checkpoint, whose depth is read, under the log set to the proof's older size.
		TrialAnchoring::<T>::anchor_checkpoint(
			RawOrigin::Signed(who.clone()).into(),
			trial.clone(),
			1,
			[7; 32],
			BoundedVec::new(),
		)?;
		TrialAnchoring::<T>::set_log_for_benchmarks(&trial, size1, old);
		let proof = BoundedVec::truncate_from(proof);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), trial.clone(), size2, new, proof);
		assert_eq!(TrialAnchoring::<T>::trial(&trial).map(|t| t.log_size), Some(size2));
		assert_eq!(TrialAnchoring::<T>::in_log(&trial, 1), Some(true));
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

	/// Back to the first of two checkpoints, which is read and checked to be in the log.
	#[benchmark]
	fn force_rewind_log() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		two_checkpoints::<T>(&who, &trial)?;
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, trial.clone(), Some(0));
		assert_eq!(TrialAnchoring::<T>::trial(&trial).and_then(|t| t.head), Some(0));
		Ok(())
	}

	/// A trial that reached every milestone, with every kind of document and a data log: the
	/// four milestones move into the voiding, the four lineages end, the log is emptied.
	#[benchmark]
	fn force_reclaim_trial() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		two_checkpoints::<T>(&who, &trial)?;
		every_milestone::<T>(&who, &trial)?;
		let other: T::AccountId = account("other", 0, 0);
		let to = T::Accreditation::make_accredited(&other, Role::TrialSponsor);
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, trial.clone(), to, VoidReason::Squatted);
		let info = TrialAnchoring::<T>::trial(&trial).ok_or(BenchmarkError::Stop("no trial"))?;
		assert_eq!((info.sponsor, info.tenure, info.head), (to, 1, None));
		assert!(TrialAnchoring::<T>::milestones(&trial).is_empty());
		Ok(())
	}

	/// The first milestone of a trial that reached all four: all four are withdrawn.
	#[benchmark]
	fn force_withdraw_milestone() -> Result<(), BenchmarkError> {
		let who = sponsor_agent::<T>();
		let trial = registered::<T>(&who)?;
		every_milestone::<T>(&who, &trial)?;
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			trial.clone(),
			Milestone::FirstEnrolment,
			VoidReason::AnchoredInError,
		);
		assert!(TrialAnchoring::<T>::milestones(&trial).is_empty());
		Ok(())
	}

	/// A document version's deposit (the largest anchor read and written back), held from an
	/// agent who has since left, taken over by the sponsor's admin.
	#[benchmark]
	fn change_deposit_owner() -> Result<(), BenchmarkError> {
		// `make_accredited` registers the organisation: the sponsor's agent is its admin.
		let admin = sponsor_agent::<T>();
		let trial = registered::<T>(&admin)?;
		every_document::<T>(&admin, &trial)?;
		let departed: T::AccountId = account("departed", 0, 0);
		T::Currency::set_balance(&departed, T::DocumentDeposit::get().saturating_mul(10u32.into()));
		let key = (0, DocumentKind::Protocol, 1);
		let mut document =
			Documents::<T>::get(&trial, key).ok_or(BenchmarkError::Stop("no document"))?;
		let reason = HoldReason::AnchorDeposit.into();
		T::Currency::release(&reason, &admin, document.deposit, Precision::Exact)?;
		T::Currency::hold(&reason, &departed, document.deposit)?;
		document.depositor = departed.clone();
		Documents::<T>::insert(&trial, key, document);
		let anchor = AnchorRef::Document { kind: DocumentKind::Protocol, version: 1 };
		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), trial.clone(), anchor);
		let document = Documents::<T>::get(&trial, key);
		assert_eq!(document.map(|document| document.depositor), Some(admin));
		assert!(T::Currency::balance_on_hold(&reason, &departed).is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(
		TrialAnchoring,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
