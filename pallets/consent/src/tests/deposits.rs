//! Audit-entry deposits: the admin of the custodian takes over the deposit of an entry an
//! agent recorded before leaving; and `record_access` is charged for the consents it read.

use super::*;
use crate::{AccessLog, Error, Justification, WeightInfo};
use frame_support::{assert_noop, dispatch::GetDispatchInfo};
use sp_core::H256;

/// [`HOSPITAL_AGENT`] records a permitted access of [`NOBODY`] to [`PATIENT`]'s records for
/// the hospital, then leaves it; the entry's index.
fn entry_by_departed_agent() -> u64 {
	grant(Grantee::Organisation(HOSPITAL_ORG), vec![provision(Decision::Permit, Scope::All)]);
	assert_ok!(Consent::record_access(
		RuntimeOrigin::signed(HOSPITAL_AGENT),
		PATIENT,
		NOBODY,
		H256::repeat_byte(1),
	));
	assert_ok!(Registry::remove_agent(
		RuntimeOrigin::signed(HOSPITAL),
		HOSPITAL_ORG,
		HOSPITAL_AGENT
	));
	0
}

#[test]
fn the_custodians_admin_takes_over_a_departed_agents_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let index = entry_by_departed_agent();
		let (agent_before, admin_before) = (held(HOSPITAL_AGENT), held(HOSPITAL));
		let before = AccessLog::<Test>::get(PATIENT, index).unwrap();

		assert_ok!(Consent::change_access_record_deposit_owner(
			RuntimeOrigin::signed(HOSPITAL),
			PATIENT,
			index
		));

		assert_eq!(
			last_event(),
			Event::AccessRecordDepositOwnerChanged {
				patient: PATIENT,
				index,
				from: HOSPITAL_AGENT,
				to: HOSPITAL
			}
		);
		assert_eq!(held(HOSPITAL_AGENT), agent_before - RECORD_DEPOSIT);
		assert_eq!(held(HOSPITAL), admin_before + RECORD_DEPOSIT);
		// The entry is unchanged but for who holds its deposit: who recorded it is history.
		let after = AccessLog::<Test>::get(PATIENT, index).unwrap();
		assert_eq!((after.recorded_by, after.depositor), (HOSPITAL_AGENT, HOSPITAL));
		assert_eq!(crate::AccessRecord { depositor: HOSPITAL_AGENT, ..after }, before);
		Consent::do_try_state().unwrap();
	});
}

/// The attack: an agent, another custodian or a stranger moving a deposit it does not
/// manage (or touching a trail it has nothing to do with). Only the recording custodian's
/// admin may, and nothing changes otherwise.
#[test]
fn attack_only_the_custodians_admin_may_take_over_an_entrys_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let index = entry_by_departed_agent();
		for who in [HOSPITAL_AGENT, LAB, CLINIC, DOCTOR, PATIENT, NOBODY] {
			assert_noop!(
				Consent::change_access_record_deposit_owner(
					RuntimeOrigin::signed(who),
					PATIENT,
					index
				),
				Error::<Test>::NotAdmin
			);
		}
	});
}

#[test]
fn change_access_record_deposit_owner_refuses_what_it_cannot_do() {
	ExtBuilder::default().build_and_execute(|| {
		let index = entry_by_departed_agent();
		let admin = || RuntimeOrigin::signed(HOSPITAL);
		assert_noop!(
			Consent::change_access_record_deposit_owner(admin(), PATIENT, index + 1),
			Error::<Test>::EntryNotFound
		);
		assert_noop!(
			Consent::change_access_record_deposit_owner(admin(), PATIENT2, index),
			Error::<Test>::EntryNotFound
		);
		// An admin who cannot pay the deposit changes nothing.
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), HOSPITAL, 1));
		assert_noop!(
			Consent::change_access_record_deposit_owner(admin(), PATIENT, index),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), HOSPITAL, 1_000_000));
		assert_ok!(Consent::change_access_record_deposit_owner(admin(), PATIENT, index));
		assert_noop!(
			Consent::change_access_record_deposit_owner(admin(), PATIENT, index),
			Error::<Test>::AlreadyDepositor
		);
	});
}

/// A break-glass opening is the practitioner's own act under their own licence: its entry's
/// deposit is not their organisation's to take.
#[test]
fn a_break_glass_entrys_deposit_stays_with_its_practitioner() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			Justification::Other,
			HOUR
		));
		let index = crate::AccessLogLength::<Test>::get(PATIENT) - 1;
		assert_eq!(AccessLog::<Test>::get(PATIENT, index).unwrap().custodian, None);
		for who in [CLINIC, HOSPITAL] {
			assert_noop!(
				Consent::change_access_record_deposit_owner(
					RuntimeOrigin::signed(who),
					PATIENT,
					index
				),
				Error::<Test>::NoCustodian
			);
		}
	});
}

/// `record_access` is charged before dispatch for its worst case (every consent of the patient
/// read) and refunded down to what it read: the consents up to the first that relates the
/// patient to the custodian.
#[test]
fn record_access_is_charged_for_what_it_read() {
	ExtBuilder::default().build_and_execute(|| {
		let charged = |read: u32| Some(<() as WeightInfo>::record_access(read));
		// The lab is named by the patient's third consent; another patient names it first.
		grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		grant(Grantee::Account(GUARDIAN), vec![provision(Decision::Permit, Scope::All)]);
		grant(Grantee::Organisation(LAB_ORG), vec![provision(Decision::Deny, Scope::All)]);
		grant_for(
			PATIENT2,
			PATIENT2,
			Grantee::Organisation(LAB_ORG),
			vec![provision(Decision::Deny, Scope::All)],
			from_now(),
		);
		let record = |patient| {
			Consent::record_access(
				RuntimeOrigin::signed(LAB),
				patient,
				DOCTOR,
				H256::repeat_byte(1),
			)
		};
		assert_eq!(record(PATIENT2).unwrap().actual_weight, charged(1));
		assert_eq!(record(PATIENT).unwrap().actual_weight, charged(3));
		// Each is less than what was held before dispatch, the worst case.
		let worst = crate::Call::<Test>::record_access {
			patient: PATIENT,
			accessor: DOCTOR,
			commitment: H256::repeat_byte(1),
		}
		.get_dispatch_info()
		.call_weight;
		assert!(charged(3).unwrap().all_lt(worst), "{:?} < {worst:?}", charged(3));
	});
}
