//! Unit tests, one file per area; `decisions.rs` is the table of `check_access` answers.

mod attacks;
mod audit;
mod consents;
mod decisions;
mod deposits;
mod emergency;
mod migrations;
mod representatives;

use crate::{
	mock::*, AccessDecision, Action, Actions, Basis, Capacity, ConsentId, DataCategory, Decision,
	Event, Grantee, Period, Provision, Purpose, Purposes, RecordScope, Scope,
};
use frame_support::{assert_ok, BoundedVec};

/// Read only.
const READ: Actions = Actions::only(Action::Read);
/// Treatment only.
const TREATMENT: Purposes = Purposes::only(Purpose::Treatment);

/// A provision over `scope` for reading for treatment.
fn provision(decision: Decision, scope: Scope) -> Provision {
	Provision { decision, scope, actions: READ, purposes: TREATMENT, data_period: None }
}

/// From now on, without end.
fn from_now() -> Period {
	Period { start: Now::get(), end: None }
}

/// `PATIENT` grants `grantee` these provisions from now on; the consent's id.
fn grant(grantee: Grantee<u64>, provisions: Vec<Provision>) -> ConsentId {
	grant_for(PATIENT, PATIENT, grantee, provisions, from_now())
}

/// `who` grants for `patient`; the consent's id.
fn grant_for(
	who: u64,
	patient: u64,
	grantee: Grantee<u64>,
	provisions: Vec<Provision>,
	period: Period,
) -> ConsentId {
	assert_ok!(Consent::grant(
		RuntimeOrigin::signed(who),
		patient,
		grantee,
		BoundedVec::truncate_from(provisions),
		period
	));
	crate::NextConsentId::<Test>::get() - 1
}

/// A record of `category`, undated, without a token.
fn record(category: DataCategory) -> RecordScope {
	labelled(&[category])
}

/// A record with these sensitivity labels, undated, without a token.
fn labelled(categories: &[DataCategory]) -> RecordScope {
	RecordScope {
		labels: BoundedVec::truncate_from(categories.to_vec()),
		token: None,
		recorded_at: None,
	}
}

/// What `check_access` answers for `grantee` reading `PATIENT`'s `scope` for `purpose`.
fn check(grantee: u64, scope: RecordScope, action: Action, purpose: Purpose) -> AccessDecision {
	ask(grantee, scope, action, purpose, &[])
}

std::thread_local! {
	/// Whether [`ask`] puts its question to `check_access_batch` instead.
	static VIA_BATCH: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// What `grantee` is answered about reading `PATIENT`'s `scope` for `purpose` with `openings`:
/// from `check_access_opened`, or (with [`VIA_BATCH`] set) from `check_access_batch`, asked in a
/// batch beside another patient's question and itself again, the two answers checked equal.
fn ask(
	grantee: u64,
	scope: RecordScope,
	action: Action,
	purpose: Purpose,
	openings: &[crate::ScopeOpening],
) -> AccessDecision {
	if !VIA_BATCH.get() {
		return Consent::check_access_opened(&grantee, &PATIENT, &scope, action, purpose, openings);
	}
	let query = |patient| crate::AccessQuery {
		question: crate::AccessQuestion {
			accessor: grantee,
			patient,
			scope: scope.clone(),
			action,
			purpose,
		},
		openings: openings.to_vec(),
	};
	let queries = [query(PATIENT2), query(PATIENT), query(PATIENT)];
	let answers = Consent::check_access_batch(&queries).expect("within MAX_BATCH");
	assert_eq!(answers.len(), 3, "one answer per question");
	assert_eq!(answers[1], answers[2], "the same question, the same answer, in one batch");
	assert_eq!(
		answers[0],
		Consent::check_access_opened(&grantee, &PATIENT2, &scope, action, purpose, openings),
		"the other patient's question answered as on its own"
	);
	answers[1]
}

/// Permitted by provision `provision` of consent `consent`.
fn permit(consent: ConsentId, provision: u32) -> AccessDecision {
	AccessDecision { decision: Decision::Permit, basis: Basis::Consent { consent, provision } }
}

/// Denied by provision `provision` of consent `consent`.
fn deny(consent: ConsentId, provision: u32) -> AccessDecision {
	AccessDecision { decision: Decision::Deny, basis: Basis::Consent { consent, provision } }
}

/// Denied because no consent covers it.
fn no_consent() -> AccessDecision {
	AccessDecision { decision: Decision::Deny, basis: Basis::NoConsent }
}

/// The last event the pallet emitted.
fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Consent(event) => Some(event),
			_ => None,
		})
		.expect("the pallet emitted an event")
}

/// What `who` has on hold.
fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::total_balance_on_hold(&who)
}
