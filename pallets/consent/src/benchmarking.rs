//! Benchmarks of every call, in the FRAME v2 syntax, each in its most expensive case; and of
//! `check_access`, the runtime API a custodian asks before every release.

use super::*;
use crate::Pallet as Consent;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Contains, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
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

/// A funded agent of a fresh organisation accredited for `role`; (agent, organisation).
fn agent<T: Config>(name: &'static str, role: Role) -> (T::AccountId, OrganisationId) {
	let who: T::AccountId = account(name, 0, 0);
	let organisation = T::Accreditation::make_accredited(&who, role);
	fund::<T>(&who);
	(who, organisation)
}

/// The evidence every benchmark's representative is recorded with.
fn evidence() -> H256 {
	H256::repeat_byte(0xe1)
}

/// A representative of `patient` recorded by one provider and attested by another: the kind
/// whose use reads the most (the representation and both providers' accreditations);
/// (representative, recorder's agent, recorded_by organisation).
fn attested_representative<T: Config>(
	patient: &T::AccountId,
) -> Result<(T::AccountId, T::AccountId, OrganisationId), DispatchError> {
	let (recorder, recorded_by) = agent::<T>("recorder", Role::Provider);
	let (attester, attesting) = agent::<T>("attester", Role::Provider);
	let representative = funded::<T>("representative");
	Consent::<T>::do_record_representative(
		recorder.clone(),
		recorded_by,
		patient.clone(),
		representative.clone(),
		Capacity::Guardian,
		None,
		evidence(),
	)?;
	Consent::<T>::do_attest_representative(
		Some((attester, attesting)),
		patient.clone(),
		recorded_by,
		representative.clone(),
		evidence(),
	)?;
	Ok((representative, recorder, recorded_by))
}

/// `p` provisions, each naming one of `patient`'s tokens (a token lookup each) and limited to
/// a data period, none of which covers a genomics record.
fn provisions<T: Config>(patient: &T::AccountId, p: u32) -> ProvisionsOf<T> {
	let provisions = (0..p)
		.map(|_| Provision {
			decision: Decision::Permit,
			scope: Scope::Token(T::Tokens::make_token(patient)),
			actions: Actions::only(Action::Read),
			purposes: Purposes::only(Purpose::Emergency),
			data_period: Some(Period { start: 0, end: None }),
		})
		.collect::<Vec<_>>();
	BoundedVec::truncate_from(provisions)
}

/// `grantor` grants for `patient` up to `MaxConsentsPerPatient - room` consents to `grantee`,
/// each with `MaxProvisions` provisions.
fn consents<T: Config>(
	grantor: &T::AccountId,
	patient: &T::AccountId,
	grantee: Grantee<T::AccountId>,
	room: u32,
) -> Result<(), DispatchError> {
	let provisions = provisions::<T>(patient, T::MaxProvisions::get());
	for _ in 0..T::MaxConsentsPerPatient::get().saturating_sub(room) {
		Consent::<T>::do_grant(
			grantor.clone(),
			patient.clone(),
			grantee.clone(),
			provisions.clone(),
			Period { start: 0, end: None },
		)?;
	}
	Ok(())
}

/// `MaxProvisions` provisions, each permitting treatment reads of imaging.
fn imaging_permits<T: Config>() -> ProvisionsOf<T> {
	let permit = Provision {
		decision: Decision::Permit,
		scope: Scope::Category(DataCategory::Imaging),
		actions: Actions::only(Action::Read),
		purposes: Purposes {
			treatment: true,
			payment: true,
			research: true,
			emergency: true,
			operations: true,
		},
		data_period: None,
	};
	BoundedVec::truncate_from(alloc::vec![permit; T::MaxProvisions::get() as usize])
}

/// A practitioner licensed in every profession that may not break the glass and in the last
/// one that may (finding the licence that breaks the glass reads every licence they hold), and
/// acting for an organisation accredited as provider.
fn worst_practitioner<T: Config>() -> T::AccountId {
	let practitioner = funded::<T>("practitioner");
	T::Accreditation::make_accredited(&practitioner, Role::Provider);
	let last_allowed = Profession::ALL.into_iter().rev().find(T::EmergencyProfessions::contains);
	for profession in Profession::ALL {
		let allowed = T::EmergencyProfessions::contains(&profession);
		if !allowed || Some(profession) == last_allowed {
			T::Licences::make_licensed(&practitioner, profession);
		}
	}
	practitioner
}

/// The worst-case practitioner broke the glass on a patient's records for `duration` ms;
/// (practitioner, patient).
fn emergency_opened<T: Config>(
	duration: Moment,
) -> Result<(T::AccountId, T::AccountId), DispatchError> {
	let practitioner = worst_practitioner::<T>();
	let patient = funded::<T>("patient");
	Consent::<T>::do_open_emergency_access(
		practitioner.clone(),
		patient.clone(),
		Justification::Other,
		duration,
	)?;
	Ok((practitioner, patient))
}

/// Move the clock past the end and the cool-down of `practitioner`'s grant to `patient`.
fn cooled_down<T: Config>(patient: &T::AccountId, practitioner: &T::AccountId) {
	if let Some(emergency) = EmergencyAccess::<T>::get(patient, practitioner) {
		T::BenchmarkHelper::set_time(emergency.until.saturating_add(T::EmergencyCooldown::get()));
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn appoint_representative() {
		let patient = funded::<T>("patient");
		let representative: T::AccountId = account("representative", 0, 0);
		// The worst case: a sponsor pays the deposit (its standing read, the budget written).
		T::DepositPayer::make_sponsored(&patient);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			representative.clone(),
			Capacity::Guardian,
			Some(Moment::MAX),
			true,
		);

		assert!(Representatives::<T>::contains_key(&patient, &representative));
	}

	#[benchmark]
	fn record_representative() {
		let (provider, organisation) = agent::<T>("provider", Role::Provider);
		let patient: T::AccountId = account("patient", 0, 0);
		let representative: T::AccountId = account("representative", 0, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider),
			patient.clone(),
			representative.clone(),
			Capacity::Guardian,
			Some(Moment::MAX),
			evidence(),
		);

		assert!(RecordedRepresentatives::<T>::contains_key(&patient, organisation));
	}

	/// Worst case: attested by another provider's agent (its accreditation read too), not by
	/// the consortium.
	#[benchmark]
	fn attest_representative() -> Result<(), BenchmarkError> {
		let (recorder, recorded_by) = agent::<T>("recorder", Role::Provider);
		let (attester, _) = agent::<T>("attester", Role::Provider);
		let patient: T::AccountId = account("patient", 0, 0);
		let representative: T::AccountId = account("representative", 0, 0);
		Consent::<T>::do_record_representative(
			recorder,
			recorded_by,
			patient.clone(),
			representative.clone(),
			Capacity::Guardian,
			None,
			evidence(),
		)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(attester),
			patient.clone(),
			recorded_by,
			representative.clone(),
			evidence(),
		);

		assert!(Representatives::<T>::contains_key(&patient, &representative));
		Ok(())
	}

	/// Worst case: withdrawn by an agent of the recorded_by provider (a registry read).
	#[benchmark]
	fn withdraw_representative_record() -> Result<(), BenchmarkError> {
		let (recorder, recorded_by) = agent::<T>("recorder", Role::Provider);
		let patient: T::AccountId = account("patient", 0, 0);
		let representative: T::AccountId = account("representative", 0, 0);
		Consent::<T>::do_record_representative(
			recorder.clone(),
			recorded_by,
			patient.clone(),
			representative,
			Capacity::Guardian,
			None,
			evidence(),
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(recorder), patient.clone(), recorded_by);

		assert!(!RecordedRepresentatives::<T>::contains_key(&patient, recorded_by));
		Ok(())
	}

	#[benchmark]
	fn remove_representative() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient");
		let (representative, _, _) = attested_representative::<T>(&patient)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), patient.clone(), representative.clone());

		assert!(!Representatives::<T>::contains_key(&patient, &representative));
		Ok(())
	}

	/// `n` provisions, each naming one of the patient's tokens (a token lookup each), in the
	/// patient's last free slot; granted by a provider-recorded representative (`r` = 1: the
	/// representation and two accreditations read) or by the patient (0), to an organisation
	/// (`o` = 1: a registry lookup) or to an account (0), its deposit paid by a sponsor (`s` =
	/// 1: its standing read, the budget written) or by the grantor (0). The call is weighed for
	/// `r = o = s = 1` and charged for the case it was.
	#[benchmark]
	fn grant(
		n: Linear<1, { T::MaxProvisions::get() }>,
		r: Linear<0, 1>,
		o: Linear<0, 1>,
		s: Linear<0, 1>,
	) -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient");
		let grantor =
			if r == 1 { attested_representative::<T>(&patient)?.0 } else { patient.clone() };
		let grantee = if o == 1 {
			Grantee::Organisation(agent::<T>("custodian", Role::DataCustodian).1)
		} else {
			Grantee::Account(account("grantee", 0, 0))
		};
		consents::<T>(&patient, &patient, grantee.clone(), 1)?;
		let provisions = provisions::<T>(&patient, n);
		if s == 1 {
			T::DepositPayer::make_sponsored(&grantor);
		}

		#[extrinsic_call]
		_(
			RawOrigin::Signed(grantor),
			patient.clone(),
			grantee,
			provisions,
			Period { start: 0, end: None },
		);

		assert_eq!(ConsentsOf::<T>::get(&patient).len() as u32, T::MaxConsentsPerPatient::get());
		Ok(())
	}

	/// Worst case: revoked by a provider-recorded representative (the representation and two
	/// accreditations read).
	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient");
		let (representative, _, _) = attested_representative::<T>(&patient)?;
		consents::<T>(&representative, &patient, Grantee::Account(account("grantee", 0, 0)), 0)?;
		let id = NextConsentId::<T>::get().saturating_sub(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), id);

		assert!(matches!(
			Consents::<T>::get(id).map(|c| c.status),
			Some(ConsentStatus::Revoked { .. })
		));
		Ok(())
	}

	/// Worst case: a full list to remove the last consent from, by a provider-recorded
	/// representative.
	#[benchmark]
	fn remove() -> Result<(), BenchmarkError> {
		let patient = funded::<T>("patient");
		let (representative, _, _) = attested_representative::<T>(&patient)?;
		consents::<T>(&representative, &patient, Grantee::Account(account("grantee", 0, 0)), 0)?;
		let id = NextConsentId::<T>::get().saturating_sub(1);
		Consent::<T>::do_revoke(&representative, id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), id);

		assert!(!Consents::<T>::contains_key(id));
		Ok(())
	}

	/// Worst case: the licence that may break the glass is found last, after every other
	/// licence the practitioner holds; an ended grant is replaced (a deposit released, one
	/// held).
	#[benchmark]
	fn open_emergency_access() -> Result<(), BenchmarkError> {
		let (practitioner, patient) = emergency_opened::<T>(1)?;
		cooled_down::<T>(&patient, &practitioner);

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

	/// Worst case: closed by a provider-recorded representative of the patient.
	#[benchmark]
	fn close_emergency_access() -> Result<(), BenchmarkError> {
		let (practitioner, patient) = emergency_opened::<T>(T::MaxEmergencyDuration::get())?;
		let (representative, _, _) = attested_representative::<T>(&patient)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(representative), patient.clone(), practitioner.clone());

		let closed = EmergencyAccess::<T>::get(&patient, &practitioner);
		assert!(closed.is_some_and(|emergency| emergency.closed_by.is_some()));
		Ok(())
	}

	#[benchmark]
	fn clear_emergency_access() -> Result<(), BenchmarkError> {
		let (practitioner, patient) = emergency_opened::<T>(1)?;
		cooled_down::<T>(&patient, &practitioner);

		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner.clone()), patient.clone());

		assert!(!EmergencyAccess::<T>::contains_key(&patient, &practitioner));
		Ok(())
	}

	/// An access whose relationship with the patient is found only in the `c`-th of the
	/// patient's consents (all `c` read); the call is charged for the consents it actually read
	/// (`c = MaxConsentsPerPatient` before dispatch).
	#[benchmark]
	fn record_access(
		c: Linear<1, { T::MaxConsentsPerPatient::get() }>,
	) -> Result<(), BenchmarkError> {
		let (custodian, organisation) = agent::<T>("custodian", Role::DataCustodian);
		let patient = funded::<T>("patient");
		let max = T::MaxConsentsPerPatient::get();
		let unrelated = Grantee::Account(account("grantee", 0, 0));
		consents::<T>(&patient, &patient, unrelated, max.saturating_sub(c - 1))?;
		consents::<T>(&patient, &patient, Grantee::Organisation(organisation), max - 1)?;
		assert_eq!(ConsentsOf::<T>::get(&patient).len() as u32, c);
		let accessor: T::AccountId = account("accessor", 0, 0);
		let commitment = H256::repeat_byte(1);

		#[extrinsic_call]
		_(RawOrigin::Signed(custodian), patient.clone(), accessor, commitment);

		let entry =
			AccessLog::<T>::get(&patient, 0).ok_or(BenchmarkError::Stop("no audit entry"))?;
		assert_eq!(entry.kind, AccessKind::Reported { commitment });
		Ok(())
	}

	/// The runtime API's cost (a query, charged to nobody): `MaxConsentsPerPatient` consents in
	/// force to the grantee's organisation, each granted by a provider-recorded representative,
	/// each with `MaxProvisions` category permits, none of which covers all of a record with
	/// `MAX_LABELS` labels, so every consent, provision and label is read and compared; the
	/// purpose is operations, whose roles are the most (the organisation accredited for the
	/// last of them, every one read).
	#[benchmark]
	fn check_access() -> Result<(), BenchmarkError> {
		let (custodian, organisation) = agent::<T>("custodian", Role::DataCustodian);
		let patient = funded::<T>("patient");
		let (representative, _, _) = attested_representative::<T>(&patient)?;
		let provisions = imaging_permits::<T>();
		for _ in 0..T::MaxConsentsPerPatient::get() {
			Consent::<T>::do_grant(
				representative.clone(),
				patient.clone(),
				Grantee::Organisation(organisation),
				provisions.clone(),
				Period { start: 0, end: None },
			)?;
		}
		let mut labels = alloc::vec![DataCategory::Imaging; MAX_LABELS as usize];
		labels[0] = DataCategory::Genomics;
		let scope = RecordScope {
			labels: BoundedVec::truncate_from(labels),
			token: None,
			recorded_at: None,
		};
		let answer;

		#[block]
		{
			answer = Consent::<T>::check_access(
				&custodian,
				&patient,
				&scope,
				Action::Read,
				Purpose::Operations,
			);
		}

		assert_eq!(answer.basis, Basis::NoConsent);
		Ok(())
	}

	/// The custodian's admin takes over the deposit of an audit entry recorded by an agent who
	/// has since left.
	#[benchmark]
	fn change_access_record_deposit_owner() -> Result<(), BenchmarkError> {
		// `make_accredited` registers the organisation: the custodian is its admin.
		let (admin, organisation) = agent::<T>("custodian", Role::DataCustodian);
		let departed = funded::<T>("departed");
		let patient = funded::<T>("patient");
		let index = Consent::<T>::do_record_access(
			departed.clone(),
			patient.clone(),
			account("accessor", 0, 0),
			Some(organisation),
			AccessKind::Reported { commitment: H256::repeat_byte(1) },
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin.clone()), patient.clone(), index);

		let entry =
			AccessLog::<T>::get(&patient, index).ok_or(BenchmarkError::Stop("no audit entry"))?;
		assert_eq!(entry.depositor, admin);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Consent,
		crate::mock::ExtBuilder::default().bare().build(),
		crate::mock::Test
	);
}
