//! Unit tests, one file per class or area.

mod attacks;
mod certificates;
mod deposits;
mod licences;
mod migrations;
mod queries;
mod records;
mod refusals;
mod sessions;

use crate::{mock::*, DocumentRef, Event, HashAlgorithm, Profession, Role, TokenId};
use frame_support::assert_ok;
use sp_core::H256;

/// A document reference whose hash is `n` repeated.
fn doc(n: u8) -> DocumentRef {
	DocumentRef {
		document_hash: H256::repeat_byte(n),
		algorithm: HashAlgorithm::Sha256,
		locator: None,
	}
}

/// The id the last issued token got.
fn last_id() -> TokenId {
	crate::NextTokenId::<Test>::get() - 1
}

/// The last event the ledger emitted.
fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::HealthTokens(event) => Some(event),
			_ => None,
		})
		.expect("the ledger emitted an event")
}

/// Issue a medical record with document `doc(n)` from the hospital to `patient`.
fn record(patient: u64, n: u8) -> TokenId {
	assert_ok!(HealthTokens::issue_record(
		RuntimeOrigin::signed(HOSPITAL),
		patient,
		Role::Provider,
		doc(n)
	));
	last_id()
}

/// License [`DOCTOR`] as a physician for `days` days, with document `doc(n)`.
/// A licence the board issues to the doctor, who accepts it.
fn license_doctor(n: u8, days: u64) -> TokenId {
	assert_ok!(HealthTokens::issue_licence(
		RuntimeOrigin::signed(BOARD),
		DOCTOR,
		Profession::Physician,
		doc(n),
		START + days * DAY
	));
	assert_ok!(HealthTokens::accept_licence(RuntimeOrigin::signed(DOCTOR), last_id()));
	last_id()
}

/// The single token version anchoring `hash`, whoever issued it, with its verification
/// (`verify` under that issuer agrees).
fn verify(hash: H256) -> Option<crate::Verification<u64, u64>> {
	let page = HealthTokens::anchors_of(hash, None, 10);
	assert!(page.items.len() <= 1, "more than one issuer anchors {hash:?}");
	let verification = page.items.into_iter().next()?;
	let issuer = verification.token.token.issuer_key();
	assert_eq!(HealthTokens::verify(hash, &issuer).as_ref(), Some(&verification));
	Some(verification)
}

/// (token, version) of the single anchor of `hash`, whoever issued it.
fn by_hash(hash: H256) -> Option<(TokenId, u32)> {
	let mut all = crate::TokenByHash::<Test>::iter_prefix(hash).map(|(_, anchor)| anchor);
	let first = all.next();
	assert!(all.next().is_none(), "more than one issuer anchors {hash:?}");
	first
}

/// What `who` has on hold.
fn held(who: u64) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::total_balance_on_hold(&who)
}
