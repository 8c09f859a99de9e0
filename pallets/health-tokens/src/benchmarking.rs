//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case.

use super::*;
use crate::Pallet as HealthTokens;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate, MutateHold},
	tokens::Precision,
	Contains, EnsureOrigin, Get,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Saturating, Zero},
	DispatchError,
};

/// A document with hash and locator derived from `n`.
fn document(n: u32) -> DocumentRef {
	DocumentRef {
		document_hash: BlakeTwo256::hash_of(&(b"document", n)),
		algorithm: HashAlgorithm::Sha256,
		locator: Some(BlakeTwo256::hash_of(&(b"locator", n))),
	}
}

/// Give `who` enough for many deposits.
fn fund<T: Config>(who: &T::AccountId) {
	let amount = T::TokenDeposit::get()
		.saturating_add(T::VersionDeposit::get())
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(100u32.into());
	T::Currency::set_balance(who, amount);
}

/// A funded agent of a fresh organisation accredited for `role`.
fn issuer<T: Config>(name: &'static str, role: Role) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::Accreditation::make_accredited(&who, role);
	fund::<T>(&who);
	who
}

/// The last profession in index order: a practitioner licensed only for it is found last when
/// the ledger looks for any valid licence (the worst case).
fn last_profession() -> Profession {
	Profession::ALL[Profession::ALL.len() - 1]
}

/// A funded practitioner licensed only in the last profession.
fn practitioner<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("practitioner", 0, 0);
	<HealthTokens<T> as LicenceInspect<T::AccountId>>::make_licensed(&who, last_profession());
	fund::<T>(&who);
	who
}

/// A medical record issued by a provider to a patient; (provider, patient, token).
fn issued_record<T: Config>() -> Result<(T::AccountId, T::AccountId, TokenId), DispatchError> {
	let provider = issuer::<T>("provider", Role::Provider);
	let patient: T::AccountId = account("patient", 0, 0);
	let id = HealthTokens::<T>::do_issue(
		provider.clone(),
		patient.clone(),
		Role::Provider,
		TokenDetails::MedicalRecord,
		document(0),
		None,
	)?;
	Ok((provider, patient, id))
}

/// A licence issued by a board to a practitioner account, and accepted; (board, token).
fn issued_licence<T: Config>() -> Result<(T::AccountId, TokenId), DispatchError> {
	let (board, holder, id) = pending_licence::<T>()?;
	HealthTokens::<T>::do_accept_licence(&holder, id)?;
	Ok((board, id))
}

/// A licence issued by a board to a practitioner account, not yet accepted;
/// (board, practitioner, token).
fn pending_licence<T: Config>() -> Result<(T::AccountId, T::AccountId, TokenId), DispatchError> {
	let board = issuer::<T>("licensing-board", Role::LicensingBoard);
	let holder: T::AccountId = account("holder", 0, 0);
	let id = HealthTokens::<T>::do_issue(
		board.clone(),
		holder.clone(),
		Role::LicensingBoard,
		TokenDetails::Licence { profession: Profession::Nurse },
		document(0),
		Some(Moment::MAX),
	)?;
	Ok((board, holder, id))
}

/// The pre-signed acceptance of a session of `practitioner` with a fresh patient, for
/// `reference`; (patient, acceptance).
fn signed_acceptance<T: Config>(
	practitioner: &T::AccountId,
	reference: &DocumentRef,
) -> (T::AccountId, SessionAcceptanceOf<T>) {
	let deadline = frame_system::Pallet::<T>::block_number().saturating_add(10u32.into());
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	let (patient, signature) = T::BenchmarkHelper::sign_as_new_account(|patient| {
		acceptance_message(&genesis, practitioner, patient, &reference.document_hash, &deadline)
	});
	(patient, SessionAcceptance { deadline, signature })
}

/// A session of a licensed practitioner with a patient, pending or accepted;
/// (practitioner, patient, token).
fn opened_session<T: Config>(
	accepted: bool,
) -> Result<(T::AccountId, T::AccountId, TokenId), DispatchError> {
	let practitioner = practitioner::<T>();
	let patient: T::AccountId = account("patient", 0, 0);
	let id = HealthTokens::<T>::do_open_session(
		practitioner.clone(),
		patient.clone(),
		document(1),
		None,
	)?;
	if accepted {
		HealthTokens::<T>::do_accept_session(&patient, id)?;
	}
	Ok((practitioner, patient, id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn issue_record() {
		let provider = issuer::<T>("provider", Role::Provider);
		let patient: T::AccountId = account("patient", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), patient.clone(), Role::Provider, document(0));

		assert!(TokensOf::<T>::contains_key(&patient, NextTokenId::<T>::get().saturating_sub(1)));
	}

	#[benchmark]
	fn issue_certificate() {
		let lab = issuer::<T>("laboratory", Role::Laboratory);
		let subject: T::AccountId = account("patient", 0, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(lab),
			subject.clone(),
			Role::Laboratory,
			document(0),
			Some(Moment::MAX),
		);

		assert!(TokensOf::<T>::contains_key(&subject, NextTokenId::<T>::get().saturating_sub(1)));
	}

	/// Worst case: the practitioner holds an active licence for the profession whose issuer
	/// no longer holds the authority it was issued under (read to the end, then not blocking).
	#[benchmark]
	fn issue_licence() -> Result<(), BenchmarkError> {
		let board = issuer::<T>("licensing-board", Role::LicensingBoard);
		let holder: T::AccountId = account("holder", 0, 0);
		let old = HealthTokens::<T>::do_issue(
			board.clone(),
			holder.clone(),
			Role::LicensingBoard,
			TokenDetails::Licence { profession: Profession::Nurse },
			document(0),
			Some(Moment::MAX),
		)?;
		HealthTokens::<T>::do_accept_licence(&holder, old)?;
		// The old licence's authority: a role its (registered) board does not hold.
		Tokens::<T>::mutate(old, |token| {
			if let Some(Authority::Accreditation { role, .. }) =
				token.as_mut().map(|token| &mut token.authority)
			{
				*role = Role::Researcher;
			}
		});
		assert!(HealthTokens::<T>::licence_validity(old).is_err());

		#[extrinsic_call]
		_(RawOrigin::Signed(board), holder.clone(), Profession::Nurse, document(1), Moment::MAX);

		// Issued, pending until the practitioner accepts it: the old one stays indexed.
		assert_eq!(Tokens::<T>::get(old + 1).map(|token| token.status), Some(TokenStatus::Pending));
		assert_eq!(LicenceOf::<T>::get(&holder, Profession::Nurse), Some(old));
		Ok(())
	}

	#[benchmark]
	fn update() -> Result<(), BenchmarkError> {
		let (provider, _, id) = issued_record::<T>()?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider),
			id,
			document(1),
			VersionReason::Corrected,
			Some(Moment::MAX),
		);

		assert_eq!(Tokens::<T>::get(id).map(|token| token.versions), Some(2));
		Ok(())
	}

	/// The worst case: a licence still pending, withdrawn (removed with its version, hash
	/// index and listing, its deposit released), where revoking a token that took effect
	/// rewrites the token only.
	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let (board, _, id) = pending_licence::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(board), id, RevocationReason::Withdrawn);

		assert!(!Tokens::<T>::contains_key(id));
		Ok(())
	}

	/// The worst case, as for `revoke`: a pending licence withdrawn.
	#[benchmark]
	fn force_revoke() -> Result<(), BenchmarkError> {
		let (_, _, id) = pending_licence::<T>()?;
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, RevocationReason::Disciplinary);

		assert!(!Tokens::<T>::contains_key(id));
		Ok(())
	}

	/// A pending licence, which is removed with its version, hash index and listing, its
	/// deposit released (more than unlinking a token that took effect, which rewrites the
	/// token and removes its listing only).
	#[benchmark]
	fn refuse() -> Result<(), BenchmarkError> {
		let (_, holder, id) = pending_licence::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), id);

		assert!(!Tokens::<T>::contains_key(id));
		Ok(())
	}

	/// A licence, with an expired one for the same profession in the index (read, with its
	/// board's accreditation, to check that it no longer licenses).
	#[benchmark]
	fn accept_licence() -> Result<(), BenchmarkError> {
		let (board, holder, old) = pending_licence::<T>()?;
		HealthTokens::<T>::do_accept_licence(&holder, old)?;
		HealthTokens::<T>::do_suspend(&board, old)?;
		let id = HealthTokens::<T>::do_issue(
			board,
			holder.clone(),
			Role::LicensingBoard,
			TokenDetails::Licence { profession: Profession::Nurse },
			document(1),
			Some(Moment::MAX),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), id);

		assert_eq!(LicenceOf::<T>::get(&holder, Profession::Nurse), Some(id));
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let (board, id) = issued_licence::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(board), id);

		assert_eq!(Tokens::<T>::get(id).map(|token| token.status), Some(TokenStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let (board, id) = issued_licence::<T>()?;
		HealthTokens::<T>::do_suspend(&board, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(board), id);

		assert_eq!(Tokens::<T>::get(id).map(|token| token.status), Some(TokenStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn archive() -> Result<(), BenchmarkError> {
		let (_, patient, id) = issued_record::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id);

		assert_eq!(Tokens::<T>::get(id).map(|token| token.status), Some(TokenStatus::Archived));
		Ok(())
	}

	/// A successful transfer where the runtime makes some class transferable; otherwise the
	/// refusal, which is then all a transfer can do.
	#[benchmark]
	fn transfer() -> Result<(), BenchmarkError> {
		let transferable = [TokenClass::MedicalRecord, TokenClass::Certificate]
			.into_iter()
			.find(T::TransferableClasses::contains);
		let provider = issuer::<T>("provider", Role::Provider);
		let patient: T::AccountId = account("patient", 0, 0);
		let details = match transferable {
			Some(TokenClass::Certificate) => TokenDetails::Certificate,
			_ => TokenDetails::MedicalRecord,
		};
		let id = HealthTokens::<T>::do_issue(
			provider,
			patient.clone(),
			Role::Provider,
			details,
			document(0),
			None,
		)?;
		let to: T::AccountId = account("recipient", 0, 0);

		#[block]
		{
			let result =
				HealthTokens::<T>::transfer(RawOrigin::Signed(patient).into(), id, to.clone());
			match transferable {
				Some(_) => assert!(result.is_ok()),
				None => assert_eq!(result, Err(Error::<T>::NonTransferable.into())),
			}
		}

		if transferable.is_some() {
			assert!(TokensOf::<T>::contains_key(&to, id));
		}
		Ok(())
	}

	/// Worst case: with a pre-signed acceptance (a signature to verify).
	#[benchmark]
	fn open_session() {
		let practitioner = practitioner::<T>();
		let reference = document(1);
		let (patient, acceptance) = signed_acceptance::<T>(&practitioner, &reference);

		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner), patient.clone(), reference, Some(acceptance));

		let id = NextTokenId::<T>::get().saturating_sub(1);
		assert_eq!(Tokens::<T>::get(id).map(|token| token.status), Some(TokenStatus::Active));
	}

	#[benchmark]
	fn accept_session() -> Result<(), BenchmarkError> {
		let (_, patient, id) = opened_session::<T>(false)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id);

		assert_eq!(Tokens::<T>::get(id).map(|token| token.status), Some(TokenStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn close_session() -> Result<(), BenchmarkError> {
		let (practitioner, _, id) = opened_session::<T>(true)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner), id, document(2));

		assert_eq!(Tokens::<T>::get(id).map(|token| token.status), Some(TokenStatus::Closed));
		Ok(())
	}

	#[benchmark]
	fn cancel_session() -> Result<(), BenchmarkError> {
		let (practitioner, _, id) = opened_session::<T>(false)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner), id);

		assert!(!Tokens::<T>::contains_key(id));
		Ok(())
	}

	/// The admin of the issuing organisation takes over the deposit of a record's version
	/// held from another account (an agent who has since left).
	#[benchmark]
	fn change_deposit_owner() -> Result<(), BenchmarkError> {
		// `make_accredited` registers the organisation: the provider is its admin.
		let (admin, _, id) = issued_record::<T>()?;
		let departed: T::AccountId = account("departed", 0, 0);
		fund::<T>(&departed);
		let mut version = Versions::<T>::get(id, 0).ok_or(BenchmarkError::Stop("no version"))?;
		let reason = HoldReason::TokenDeposit.into();
		T::Currency::release(&reason, &admin, version.deposit, Precision::Exact)?;
		T::Currency::hold(&reason, &departed, version.deposit)?;
		version.depositor = departed.clone();
		Versions::<T>::insert(id, 0, version);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), id, 0);

		let version = Versions::<T>::get(id, 0).ok_or(BenchmarkError::Stop("no version"))?;
		assert_eq!(version.depositor, admin);
		assert!(T::Currency::balance_on_hold(&reason, &departed).is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(
		HealthTokens,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
