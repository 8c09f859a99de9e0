//! The table of consent decisions, asked through the runtime API (`ConsentApi_check_access`)
//! of the real runtime, with the real registry and health-token ledger behind it.

use crate::{
	AccountId, Balance, Block, BlockNumber, Consent, HealthTokens, Registry, Runtime,
	RuntimeGenesisConfig, RuntimeOrigin, UNIT,
};
use frame_support::{assert_ok, BoundedVec};
use healthchain_primitives::{OrganisationKind, Profession, Role};
use pallet_consent::{
	AccessDecision, Action, Actions, Basis, Capacity, DataCategory, Decision, Grantee,
	Justification, Period, Provision, Purpose, Purposes, RecordScope, Scope, ScopeOpening,
};
use pallet_consent_runtime_api::runtime_decl_for_consent_api::ConsentApiV6;
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

const START: u64 = 1_700_000_000_000;
const DAY: u64 = 86_400_000;

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

/// Alice administers a licensing board (organisation 0) that licensed Ferdie; Ferdie practises
/// at Charlie's hospital (organisation 1, a provider); Eve is the patient, Bob her guardian,
/// Dave a grantee.
fn ext() -> sp_io::TestExternalities {
	let endowed = Sr25519Keyring::iter().map(|who| (who.to_account_id(), 1_000 * UNIT)).collect();
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: endowed, ..Default::default() },
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(START);
		let alice = RuntimeOrigin::signed(account(Sr25519Keyring::Alice));
		assert_ok!(Registry::register_organisation(
			alice.clone(),
			OrganisationKind::LicensingBoard,
			Default::default()
		));
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			0,
			Role::LicensingBoard,
			START + 365 * DAY
		));
		assert_ok!(HealthTokens::issue_licence(
			alice,
			account(Sr25519Keyring::Ferdie),
			Profession::Physician,
			pallet_health_tokens::DocumentRef {
				document_hash: sp_core::H256::repeat_byte(1),
				algorithm: pallet_health_tokens::HashAlgorithm::Sha256,
				locator: None,
			},
			START + 365 * DAY
		));
		let licence = pallet_health_tokens::NextTokenId::<Runtime>::get() - 1;
		assert_ok!(HealthTokens::accept_licence(
			RuntimeOrigin::signed(account(Sr25519Keyring::Ferdie)),
			licence
		));
		let charlie = RuntimeOrigin::signed(account(Sr25519Keyring::Charlie));
		assert_ok!(Registry::register_organisation(
			charlie.clone(),
			OrganisationKind::Hospital,
			Default::default()
		));
		assert_ok!(Registry::grant_accreditation(
			RuntimeOrigin::root(),
			1,
			Role::Provider,
			START + 365 * DAY
		));
		assert_ok!(Registry::add_agent(charlie, 1, account(Sr25519Keyring::Ferdie)));
		assert_ok!(Registry::accept_invitation(
			RuntimeOrigin::signed(account(Sr25519Keyring::Ferdie)),
			1
		));
	});
	ext
}

fn provision(decision: Decision, scope: Scope, purposes: Purposes) -> Provision {
	Provision { decision, scope, actions: Actions::only(Action::Read), purposes, data_period: None }
}

const TREATMENT: Purposes = Purposes::only(Purpose::Treatment);

/// `grantor` grants for Eve to `grantee`; the consent's id.
fn grant(
	grantor: Sr25519Keyring,
	grantee: Sr25519Keyring,
	provisions: Vec<Provision>,
	end: Option<u64>,
) -> u64 {
	assert_ok!(Consent::grant(
		RuntimeOrigin::signed(account(grantor)),
		account(Sr25519Keyring::Eve),
		Grantee::Account(account(grantee)),
		BoundedVec::truncate_from(provisions),
		Period { start: START, end }
	));
	pallet_consent::NextConsentId::<Runtime>::get() - 1
}

/// Eve grants organisation `organisation` reading for treatment; the consent's id.
fn grant_to_organisation(organisation: u32) -> u64 {
	assert_ok!(Consent::grant(
		RuntimeOrigin::signed(account(Sr25519Keyring::Eve)),
		account(Sr25519Keyring::Eve),
		Grantee::Organisation(organisation),
		BoundedVec::truncate_from(vec![provision(Decision::Permit, Scope::All, TREATMENT)]),
		Period { start: START, end: None }
	));
	pallet_consent::NextConsentId::<Runtime>::get() - 1
}

/// What the runtime API answers for `grantee` on Eve's record.
fn ask(
	grantee: Sr25519Keyring,
	scope: RecordScope,
	action: Action,
	purpose: Purpose,
) -> AccessDecision {
	<Runtime as ConsentApiV6<Block, AccountId, Balance, BlockNumber>>::check_access(
		account(grantee),
		account(Sr25519Keyring::Eve),
		scope,
		action,
		purpose,
	)
}

/// Eve denies Dave, for treatment, the category HIV, named by a commitment: the consent's id
/// and the opening.
fn deny_committed_hiv() -> (u64, ScopeOpening) {
	let hiv = ScopeOpening { category: DataCategory::Hiv, salt: [7; 32] };
	let commitment = Scope::Committed(hiv.commitment(&account(Sr25519Keyring::Eve)));
	let deny = provision(Decision::Deny, commitment, TREATMENT);
	(grant(Sr25519Keyring::Eve, Sr25519Keyring::Dave, vec![deny], None), hiv)
}

/// What the runtime API (v5) answers for `grantee` reading Eve's record for treatment, with
/// `openings`.
fn ask_opened(
	grantee: Sr25519Keyring,
	scope: RecordScope,
	openings: Vec<ScopeOpening>,
) -> AccessDecision {
	<Runtime as ConsentApiV6<Block, AccountId, Balance, BlockNumber>>::check_access_opened(
		account(grantee),
		account(Sr25519Keyring::Eve),
		scope,
		Action::Read,
		Purpose::Treatment,
		openings,
	)
}

fn imaging() -> RecordScope {
	labelled(&[DataCategory::Imaging])
}

/// A record with these sensitivity labels, undated, its token not named.
fn labelled(labels: &[DataCategory]) -> RecordScope {
	RecordScope {
		labels: BoundedVec::truncate_from(labels.to_vec()),
		token: None,
		recorded_at: None,
	}
}

/// Alice's board (organisation 0) is accredited as provider too, so that it can attest what
/// Charlie's hospital (organisation 1) records.
fn two_providers() {
	assert_ok!(Registry::grant_accreditation(
		RuntimeOrigin::root(),
		0,
		Role::Provider,
		START + 365 * DAY
	));
}

fn by(consent: u64, provision: u32, decision: Decision) -> AccessDecision {
	AccessDecision { decision, basis: Basis::Consent { consent, provision } }
}

const DENIED: AccessDecision = AccessDecision { decision: Decision::Deny, basis: Basis::NoConsent };

type Case = (&'static str, fn() -> (AccessDecision, AccessDecision));

#[test]
fn consent_decisions_through_the_runtime_api() {
	use Sr25519Keyring::{Bob, Dave, Eve, Ferdie};
	let cases: Vec<Case> = vec![
		("permit", || {
			let id =
				grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), by(id, 0, Decision::Permit))
		}),
		("deny without consent", || {
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), DENIED)
		}),
		("expired", || {
			grant(
				Eve,
				Dave,
				vec![provision(Decision::Permit, Scope::All, TREATMENT)],
				Some(START + DAY),
			);
			pallet_timestamp::Now::<Runtime>::put(START + DAY);
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), DENIED)
		}),
		("revoked", || {
			let id =
				grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			assert_ok!(Consent::revoke(RuntimeOrigin::signed(account(Eve)), id));
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), DENIED)
		}),
		("deny overrides permit", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			let id = grant(
				Eve,
				Dave,
				vec![provision(Decision::Deny, Scope::Category(DataCategory::Imaging), TREATMENT)],
				None,
			);
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), by(id, 0, Decision::Deny))
		}),
		("wrong purpose", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			(ask(Dave, imaging(), Action::Read, Purpose::Research), DENIED)
		}),
		("wrong action", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			(ask(Dave, imaging(), Action::Share, Purpose::Treatment), DENIED)
		}),
		("data period", || {
			let mut limited = provision(Decision::Permit, Scope::All, TREATMENT);
			limited.data_period = Some(Period { start: START - DAY, end: Some(START) });
			let id = grant(Eve, Dave, vec![limited], None);
			let inside = RecordScope { recorded_at: Some(START - 1), ..imaging() };
			let after = RecordScope { recorded_at: Some(START), ..imaging() };
			assert_eq!(ask(Dave, after, Action::Read, Purpose::Treatment), DENIED);
			(ask(Dave, inside, Action::Read, Purpose::Treatment), by(id, 0, Decision::Permit))
		}),
		("guardian", || {
			assert_ok!(Consent::appoint_representative(
				RuntimeOrigin::signed(account(Eve)),
				account(Bob),
				Capacity::Guardian,
				None,
				false
			));
			let id =
				grant(Bob, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			assert_eq!(
				pallet_consent::Consents::<Runtime>::get(id).unwrap().capacity,
				Capacity::Guardian
			);
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), by(id, 0, Decision::Permit))
		}),
		("break-glass", || {
			assert_ok!(Consent::open_emergency_access(
				RuntimeOrigin::signed(account(Ferdie)),
				account(Eve),
				Justification::LifeThreatening,
				60 * 60 * 1000
			));
			assert_eq!(ask(Ferdie, imaging(), Action::Read, Purpose::Treatment), DENIED);
			(
				ask(Ferdie, imaging(), Action::Read, Purpose::Emergency),
				AccessDecision {
					decision: Decision::Permit,
					basis: Basis::Emergency { licence: 0 },
				},
			)
		}),
		("break-glass refused without a licence", || {
			let refused = Consent::open_emergency_access(
				RuntimeOrigin::signed(account(Dave)),
				account(Eve),
				Justification::LifeThreatening,
				60 * 60 * 1000,
			);
			assert_eq!(
				refused,
				Err(pallet_consent::Error::<Runtime>::Licence(
					healthchain_primitives::LicenceError::NotLicensed
				)
				.into())
			);
			(ask(Dave, imaging(), Action::Read, Purpose::Emergency), DENIED)
		}),
		("break-glass ends when the practitioner leaves the hospital", || {
			assert_ok!(Consent::open_emergency_access(
				RuntimeOrigin::signed(account(Ferdie)),
				account(Eve),
				Justification::LifeThreatening,
				60 * 60 * 1000
			));
			assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(account(Ferdie)), 1));
			(ask(Ferdie, imaging(), Action::Read, Purpose::Emergency), DENIED)
		}),
		("a deny over the sensitive categories denies a record with one", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			let id = grant(
				Eve,
				Dave,
				vec![provision(Decision::Deny, Scope::Sensitive, TREATMENT)],
				None,
			);
			let labels = labelled(&[DataCategory::Imaging, DataCategory::MentalHealth]);
			(ask(Dave, labels, Action::Read, Purpose::Treatment), by(id, 0, Decision::Deny))
		}),
		("a deny to a suspended organisation still applies", || {
			let charlie = Sr25519Keyring::Charlie;
			grant(Eve, charlie, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			assert_ok!(Consent::grant(
				RuntimeOrigin::signed(account(Eve)),
				account(Eve),
				Grantee::Organisation(1),
				BoundedVec::truncate_from(vec![provision(Decision::Deny, Scope::All, TREATMENT)]),
				Period { start: START, end: None }
			));
			let id = pallet_consent::NextConsentId::<Runtime>::get() - 1;
			assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), 1));
			(ask(charlie, imaging(), Action::Read, Purpose::Treatment), by(id, 0, Decision::Deny))
		}),
		("break-glass ends when the licence is revoked", || {
			assert_ok!(Consent::open_emergency_access(
				RuntimeOrigin::signed(account(Ferdie)),
				account(Eve),
				Justification::LifeThreatening,
				60 * 60 * 1000
			));
			assert_ok!(HealthTokens::revoke(
				RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
				0,
				pallet_health_tokens::RevocationReason::Disciplinary
			));
			(ask(Ferdie, imaging(), Action::Read, Purpose::Emergency), DENIED)
		}),
		("break-glass closed by the patient", || {
			assert_ok!(Consent::open_emergency_access(
				RuntimeOrigin::signed(account(Ferdie)),
				account(Eve),
				Justification::LifeThreatening,
				60 * 60 * 1000
			));
			pallet_timestamp::Now::<Runtime>::put(START + 1);
			assert_ok!(Consent::close_emergency_access(
				RuntimeOrigin::signed(account(Eve)),
				account(Eve),
				account(Ferdie)
			));
			(ask(Ferdie, imaging(), Action::Read, Purpose::Emergency), DENIED)
		}),
		("a permit for one label does not cover a second label", || {
			grant(
				Eve,
				Dave,
				vec![provision(
					Decision::Permit,
					Scope::Category(DataCategory::Imaging),
					TREATMENT,
				)],
				None,
			);
			let both = labelled(&[DataCategory::Imaging, DataCategory::Hiv]);
			(ask(Dave, both, Action::Read, Purpose::Treatment), DENIED)
		}),
		("a deny of any label denies", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			let id = grant(
				Eve,
				Dave,
				vec![provision(Decision::Deny, Scope::Category(DataCategory::Hiv), TREATMENT)],
				None,
			);
			let both = labelled(&[DataCategory::Imaging, DataCategory::Hiv]);
			(ask(Dave, both, Action::Read, Purpose::Treatment), by(id, 0, Decision::Deny))
		}),
		("a committed deny over hiv, opened through API v5, denies a record labelled hiv", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			let (id, hiv) = deny_committed_hiv();
			let both = labelled(&[DataCategory::Imaging, DataCategory::Hiv]);
			(ask_opened(Dave, both, vec![hiv]), by(id, 0, Decision::Deny))
		}),
		("the same deny, opened, lets an imaging record through", || {
			let permit =
				grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			let (_, hiv) = deny_committed_hiv();
			(ask_opened(Dave, imaging(), vec![hiv]), by(permit, 0, Decision::Permit))
		}),
		(
			"a batch through API v6: the same deny opened for one record, unopened for another",
			|| {
				let permit = grant(
					Eve,
					Dave,
					vec![provision(Decision::Permit, Scope::All, TREATMENT)],
					None,
				);
				let (id, hiv) = deny_committed_hiv();
				let query = |scope, openings| pallet_consent::AccessQuery {
					question: pallet_consent::AccessQuestion {
						accessor: account(Dave),
						patient: account(Eve),
						scope,
						action: Action::Read,
						purpose: Purpose::Treatment,
					},
					openings,
				};
				let answers =
				<Runtime as ConsentApiV6<Block, AccountId, Balance, BlockNumber>>::check_access_batch(
					vec![query(imaging(), vec![hiv]), query(imaging(), vec![])],
				)
				.expect("two questions are within MAX_BATCH");
				assert_eq!(
					answers,
					vec![by(permit, 0, Decision::Permit), by(id, 0, Decision::Deny)]
				);
				(answers[1], by(id, 0, Decision::Deny))
			},
		),
		("the same deny, unopened (API v4's check_access), denies every record", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			let (id, _) = deny_committed_hiv();
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), by(id, 0, Decision::Deny))
		}),
		("a token deny applies when the token is not named", || {
			grant(Eve, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			// Token 0 is Ferdie's licence; Eve needs a token of her own: a record.
			two_providers();
			assert_ok!(HealthTokens::issue_record(
				RuntimeOrigin::signed(account(Sr25519Keyring::Charlie)),
				account(Eve),
				Role::Provider,
				pallet_health_tokens::DocumentRef {
					document_hash: sp_core::H256::repeat_byte(2),
					algorithm: pallet_health_tokens::HashAlgorithm::SaltedSha256,
					locator: None,
				}
			));
			let id =
				grant(Eve, Dave, vec![provision(Decision::Deny, Scope::Token(1), TREATMENT)], None);
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), by(id, 0, Decision::Deny))
		}),
		("an organisation grantee suspended by the consortium", || {
			two_providers();
			let id = grant_to_organisation(1);
			let charlie = Sr25519Keyring::Charlie;
			assert_eq!(
				ask(charlie, imaging(), Action::Read, Purpose::Treatment),
				by(id, 0, Decision::Permit)
			);
			assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), 1));
			(ask(charlie, imaging(), Action::Read, Purpose::Treatment), DENIED)
		}),
		("a guardian recorded by one provider acts only once another attests", || {
			two_providers();
			let evidence = sp_core::H256::repeat_byte(9);
			assert_ok!(Consent::record_representative(
				RuntimeOrigin::signed(account(Sr25519Keyring::Charlie)),
				account(Eve),
				account(Bob),
				Capacity::Guardian,
				None,
				evidence
			));
			let provisions = vec![provision(Decision::Permit, Scope::All, TREATMENT)];
			assert!(Consent::grant(
				RuntimeOrigin::signed(account(Bob)),
				account(Eve),
				Grantee::Account(account(Dave)),
				BoundedVec::truncate_from(provisions),
				Period { start: START, end: None }
			)
			.is_err());
			assert_ok!(Consent::attest_representative(
				RuntimeOrigin::signed(account(Sr25519Keyring::Alice)),
				account(Eve),
				1,
				account(Bob),
				evidence
			));
			let id =
				grant(Bob, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), by(id, 0, Decision::Permit))
		}),
		("a removed guardian's consents stop permitting", || {
			assert_ok!(Consent::appoint_representative(
				RuntimeOrigin::signed(account(Eve)),
				account(Bob),
				Capacity::Guardian,
				None,
				false
			));
			grant(Bob, Dave, vec![provision(Decision::Permit, Scope::All, TREATMENT)], None);
			assert_ok!(Consent::remove_representative(
				RuntimeOrigin::signed(account(Eve)),
				account(Eve),
				account(Bob)
			));
			(ask(Dave, imaging(), Action::Read, Purpose::Treatment), DENIED)
		}),
	];
	for (case, run) in cases {
		ext().execute_with(|| {
			let (answer, expected) = run();
			assert_eq!(answer, expected, "{case}");
		});
	}
}
