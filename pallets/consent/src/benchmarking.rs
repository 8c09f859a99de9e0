//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case.

use super::*;
use crate::Pallet as Consent;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Saturating, DispatchError};

/// Give `who` enough for many deposits.
fn fund<T: Config>(who: &T::AccountId) {
	let amount = T::ConsentDeposit::get()
		.saturating_add(T::RepresentativeDeposit::get())
		.saturating_add(T::EmergencyDeposit::get())
		.saturating_add(T::AccessRecordDeposit::get())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(who, amount);
}

/// A funded account.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	fund::<T>(&who);
	who
}

/// A funded agent of an organisation accredited for `role`; (agent, organisation).
fn agent<T: Config>(name: &'static str, role: Role) -> (T::AccountId, OrganisationId) {
	let who: T::AccountId = account(name, 0, 0);
	let organisation = T::Accreditation::make_accredited(&who, role);
	fund::<T>(&who);
	(who, organisation)
}

/// `MaxProvisions` provisions, each naming one of `patient`'s tokens and reading imaging for
/// treatment, none of which covers a genomics record.
fn provisions<T: Config>(patient: &T::AccountId) -> ProvisionsOf<T> {
	let provisions = (0..T::MaxProvisions::get())
		.map(|_| Provision {
			decision: Decision::Permit,
			scope: Scope::Token(T::Tokens::make_token(patient)),
			actions: Actions::only(Action::Read),
			purposes: Purposes::only(Purpose::Emergency),
			data_period: Some(Period { start: 0, end: None }),
		})
		.collect::<alloc::vec::Vec<_>>();
	BoundedVec::truncate_from(provisions)
}

/// A licensed practitioner who broke the glass on a patient's record for `duration` ms;
/// (practitioner, patient).
fn emergency_opened<T: Config>(
	duration: Moment,
) -> Result<(T::AccountId, T::AccountId), DispatchError> {
	let practitioner = funded::<T>("practitioner");
	T::Licences::make_licensed(&practitioner, healthchain_primitives::Profession::Physician);
	let patient: T::AccountId = account("patient", 0, 0);
	Consent::<T>::do_open_emergency_access(
		practitioner.clone(),
		patient.clone(),
		Justification::Other,
		duration,
	)?;
	Ok((practitioner, patient))
}

/// Fill `patient`'s consents up to `MaxConsentsPerPatient - room`, all to `grantee`.
fn consents<T: Config>(
	patient: &T::AccountId,
	grantee: Grantee<T::AccountId>,
	room: u32,
) -> Result<(), DispatchError> {
	let provisions = provisions::<T>(patient);
	for _ in 0..T::MaxConsentsPerPatient::get().saturating_sub(room) {
		Consent::<T>::do_grant(
			patient.clone(),
			patient.clone(),
			grantee.clone(),
			provisions.clone(),
			Period { start: 0, end: None },
		)?;
	}
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn appoint_representative() {
		let patient = funded::<T>("patient");
		let representative: T::AccountId = account("representative", 0, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			representative.clone(),
			Capacity::Guardian,
			Some(Moment::MAX),
		);

		assert!(Representatives::<T>::contains_key(&patient, &representative));
	}

	#[benchmark]
	fn record_representative() {
		let (provider, _) = agent::<T>("provider", Role::Provider);
		let patient: T::AccountId = account("patient", 0, 0);
		let representative: T::AccountId = account("representative", 0, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider),
			patient.clone(),
			representative.clone(),
			Capacity::Guardian,
			None,
		);

		assert!(Representatives::<T>::contains_key(&patient, &representative));
	}

	/// Worst case: removed by the provider that recorded it (one more read).
	#[benchmark]
	fn remove_representative() -> Result<(), BenchmarkError> {
		let (provider, organisation) = agent::<T>("provider", Role::Provider);
		let patient: T::AccountId = account("patient", 0, 0);
		let representative: T::AccountId = account("representative", 0, 0);
		Consent::<T>::do_add_representative(
			patient.clone(),
			representative.clone(),
			Capacity::Guardian,
			None,
			Appointer::Provider { organisation },
			provider.clone(),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), patient.clone(), representative.clone());

		assert!(!Representatives::<T>::contains_key(&patient, &representative));
		Ok(())
	}

	/// Worst case: the patient's last free slot, `MaxProvisions` token-scoped provisions (a
	/// token lookup each), an organisation grantee (a registry lookup).
	#[benchmark]
	fn grant() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient");
		let (_, organisation) = agent::<T>("custodian", Role::DataCustodian);
		let grantee = Grantee::Organisation(organisation);
		consents::<T>(&patient, grantee.clone(), 1)?;
		let provisions = provisions::<T>(&patient);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			patient.clone(),
			grantee,
			provisions,
			Period { start: 0, end: None },
		);

		assert_eq!(ConsentsOf::<T>::get(&patient).len() as u32, T::MaxConsentsPerPatient::get());
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient");
		consents::<T>(&patient, Grantee::Account(account("grantee", 0, 0)), 0)?;
		let id = NextConsentId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id);

		assert!(matches!(
			Consents::<T>::get(id).map(|c| c.status),
			Some(ConsentStatus::Revoked { .. })
		));
		Ok(())
	}

	/// Worst case: a full list to remove the last consent from.
	#[benchmark]
	fn remove() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient");
		consents::<T>(&patient, Grantee::Account(account("grantee", 0, 0)), 0)?;
		let id = NextConsentId::<T>::get().saturating_sub(1);
		Consent::<T>::do_revoke(&patient, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient), id);

		assert!(!Consents::<T>::contains_key(id));
		Ok(())
	}

	/// Worst case: an ended grant to replace (a deposit released and one held).
	#[benchmark]
	fn open_emergency_access() -> Result<(), BenchmarkError> {
		let (practitioner, patient) = emergency_opened::<T>(1)?;
		// Make the previous grant end now (benchmarks run at a fixed time).
		EmergencyAccess::<T>::mutate(&patient, &practitioner, |previous| {
			if let Some(previous) = previous {
				previous.until = Consent::<T>::now();
			}
		});

		#[extrinsic_call]
		_(
			RawOrigin::Signed(practitioner.clone()),
			patient.clone(),
			Justification::LifeThreatening,
			T::MaxEmergencyDuration::get(),
		);

		assert_eq!(AccessLogLength::<T>::get(&patient), 2);
		Ok(())
	}

	#[benchmark]
	fn close_emergency_access() -> Result<(), BenchmarkError> {
		let (practitioner, patient) = emergency_opened::<T>(T::MaxEmergencyDuration::get())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner.clone()), patient.clone());

		assert!(!EmergencyAccess::<T>::contains_key(&patient, &practitioner));
		Ok(())
	}

	/// Worst case: the patient has `MaxConsentsPerPatient` consents in force to the accessor's
	/// organisation, each with `MaxProvisions` provisions, none of which covers the access, so
	/// every one is read and checked.
	#[benchmark]
	fn record_access() -> Result<(), BenchmarkError> {
		let (custodian, organisation) = agent::<T>("custodian", Role::DataCustodian);
		let patient = funded::<T>("patient");
		consents::<T>(&patient, Grantee::Organisation(organisation), 0)?;
		let scope =
			RecordScope { category: DataCategory::Genomics, token: None, recorded_at: Some(1) };

		#[extrinsic_call]
		_(
			RawOrigin::Signed(custodian.clone()),
			patient.clone(),
			custodian.clone(),
			scope,
			Action::Read,
			Purpose::Emergency,
		);

		let entry =
			AccessLog::<T>::get(&patient, 0).ok_or(BenchmarkError::Stop("no audit entry"))?;
		assert_eq!(entry.decision.basis, Basis::NoConsent);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Consent,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
