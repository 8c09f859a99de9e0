//! The table of decisions: what `check_access` (the runtime API's answer) says in each case.

use super::*;
use crate::{Capacity, Justification, ScopeOpening};
use codec::Encode;
use frame_support::assert_ok;
use sp_runtime::traits::Hash;

/// One row: a description, a setup returning the question, and the expected answer.
struct Row {
	case: &'static str,
	run: fn() -> (AccessDecision, AccessDecision),
}

fn rows() -> Vec<Row> {
	vec![
		Row {
			case: "permit: a consent to the account for the category, action and purpose",
			run: || {
				let id = grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Category(DataCategory::Imaging))],
				);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					permit(id, 0),
				)
			},
		},
		Row {
			case: "deny: no consent at all",
			run: || {
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: another category than the consent's",
			run: || {
				grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Category(DataCategory::Imaging))],
				);
				(
					check(
						NOBODY,
						record(DataCategory::MentalHealth),
						Action::Read,
						Purpose::Treatment,
					),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: another grantee",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				(
					check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: wrong action (write under a read-only consent)",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Write, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: wrong purpose (research under a treatment consent)",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Research),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: expired, without any transaction",
			run: || {
				grant_for(
					PATIENT,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					Period { start: START, end: Some(START + DAY) },
				);
				Now::set(START + DAY);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: not yet started",
			run: || {
				grant_for(
					PATIENT,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					Period { start: START + DAY, end: None },
				);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: revoked",
			run: || {
				let id =
					grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny overrides permit: a narrower deny in a later consent",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Deny, Scope::Category(DataCategory::MentalHealth))],
				);
				(
					check(
						NOBODY,
						record(DataCategory::MentalHealth),
						Action::Read,
						Purpose::Treatment,
					),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "deny overrides permit: within one consent, whatever the order",
			run: || {
				let id = grant(
					Grantee::Account(NOBODY),
					vec![
						provision(Decision::Permit, Scope::All),
						provision(Decision::Deny, Scope::Category(DataCategory::Genomics)),
					],
				);
				(
					check(NOBODY, record(DataCategory::Genomics), Action::Read, Purpose::Treatment),
					deny(id, 1),
				)
			},
		},
		Row {
			case: "permit: the deny covers another category",
			run: || {
				let id = grant(
					Grantee::Account(NOBODY),
					vec![
						provision(Decision::Permit, Scope::All),
						provision(Decision::Deny, Scope::Category(DataCategory::Genomics)),
					],
				);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					permit(id, 0),
				)
			},
		},
		Row {
			case: "permit: an organisation grantee covers each of its agents",
			run: || {
				let id = grant(
					Grantee::Organisation(HOSPITAL_ORG),
					vec![provision(Decision::Permit, Scope::All)],
				);
				(
					check(
						HOSPITAL_AGENT,
						record(DataCategory::Imaging),
						Action::Read,
						Purpose::Treatment,
					),
					permit(id, 0),
				)
			},
		},
		Row {
			case: "deny: an organisation grantee does not cover other organisations' agents",
			run: || {
				grant(
					Grantee::Organisation(HOSPITAL_ORG),
					vec![provision(Decision::Permit, Scope::All)],
				);
				(
					check(LAB, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "permit: a record dated inside the data period",
			run: || {
				let mut limited = provision(Decision::Permit, Scope::All);
				limited.data_period = Some(Period { start: 0, end: Some(START) });
				let id = grant(Grantee::Account(NOBODY), vec![limited]);
				let scope =
					RecordScope { recorded_at: Some(START - 1), ..record(DataCategory::Imaging) };
				(check(NOBODY, scope, Action::Read, Purpose::Treatment), permit(id, 0))
			},
		},
		Row {
			case: "deny: a record dated after the data period",
			run: || {
				let mut limited = provision(Decision::Permit, Scope::All);
				limited.data_period = Some(Period { start: 0, end: Some(START) });
				grant(Grantee::Account(NOBODY), vec![limited]);
				let scope =
					RecordScope { recorded_at: Some(START), ..record(DataCategory::Imaging) };
				(check(NOBODY, scope, Action::Read, Purpose::Treatment), no_consent())
			},
		},
		Row {
			case: "deny: an undated record under a permit limited to a data period",
			run: || {
				let mut limited = provision(Decision::Permit, Scope::All);
				limited.data_period = Some(Period { start: 0, end: Some(START) });
				grant(Grantee::Account(NOBODY), vec![limited]);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: an undated record under a deny limited to a data period (when in doubt)",
			run: || {
				let mut limited = provision(Decision::Deny, Scope::All);
				limited.data_period = Some(Period { start: 0, end: Some(START) });
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(Grantee::Account(NOBODY), vec![limited]);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "permit: one token of the patient",
			run: || {
				let token = issue_token(PATIENT);
				let id = grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Token(token))],
				);
				let scope =
					RecordScope { token: Some(token), ..record(DataCategory::DiagnosticReports) };
				(check(NOBODY, scope, Action::Read, Purpose::Treatment), permit(id, 0))
			},
		},
		Row {
			case: "deny: another record than the consent's token",
			run: || {
				let token = issue_token(PATIENT);
				grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Token(token))],
				);
				(
					check(
						NOBODY,
						record(DataCategory::DiagnosticReports),
						Action::Read,
						Purpose::Treatment,
					),
					no_consent(),
				)
			},
		},
		Row {
			case: "permit: granted by a guardian in force",
			run: || {
				appoint_guardian();
				let id = grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					from_now(),
				);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					permit(id, 0),
				)
			},
		},
		Row {
			case: "permit: break-glass, emergency purpose, over the patient's deny",
			run: || {
				grant(Grantee::Account(DOCTOR), vec![provision(Decision::Deny, Scope::All)]);
				open_emergency();
				(
					check(
						DOCTOR,
						record(DataCategory::MentalHealth),
						Action::Read,
						Purpose::Emergency,
					),
					AccessDecision {
						decision: Decision::Permit,
						basis: Basis::Emergency { licence: 0 },
					},
				)
			},
		},
		Row {
			case: "deny: break-glass is for the emergency purpose only",
			run: || {
				open_emergency();
				(
					check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: break-glass does not permit sharing",
			run: || {
				open_emergency();
				(
					check(DOCTOR, record(DataCategory::Imaging), Action::Share, Purpose::Emergency),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: break-glass after it ended",
			run: || {
				open_emergency();
				Now::set(START + HOUR);
				(
					check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Emergency),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: break-glass after the licence was revoked (checked when used)",
			run: || {
				open_emergency();
				assert_ok!(HealthTokens::revoke(
					RuntimeOrigin::signed(BOARD),
					0,
					pallet_health_tokens::RevocationReason::Disciplinary
				));
				(
					check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Emergency),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: a permit for one label does not cover a record with another label too",
			run: || {
				grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Category(DataCategory::Imaging))],
				);
				(
					check(
						NOBODY,
						labelled(&[DataCategory::Imaging, DataCategory::Hiv]),
						Action::Read,
						Purpose::Treatment,
					),
					no_consent(),
				)
			},
		},
		Row {
			case: "permit: permits covering each of a record's labels",
			run: || {
				let id = grant(
					Grantee::Account(NOBODY),
					vec![
						provision(Decision::Permit, Scope::Category(DataCategory::Hiv)),
						provision(Decision::Permit, Scope::Category(DataCategory::Imaging)),
					],
				);
				(
					check(
						NOBODY,
						labelled(&[DataCategory::Imaging, DataCategory::Hiv]),
						Action::Read,
						Purpose::Treatment,
					),
					permit(id, 1),
				)
			},
		},
		Row {
			case: "deny: a deny of any one of a record's labels",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Deny, Scope::Category(DataCategory::Hiv))],
				);
				(
					check(
						NOBODY,
						labelled(&[DataCategory::Imaging, DataCategory::Hiv]),
						Action::Read,
						Purpose::Treatment,
					),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "deny: an unlabelled record under any category deny (when in doubt)",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Deny, Scope::Category(DataCategory::Genomics))],
				);
				(check(NOBODY, labelled(&[]), Action::Read, Purpose::Treatment), deny(deny_id, 0))
			},
		},
		Row {
			case: "deny: an unlabelled record under a category permit",
			run: || {
				grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Category(DataCategory::Imaging))],
				);
				(check(NOBODY, labelled(&[]), Action::Read, Purpose::Treatment), no_consent())
			},
		},
		Row {
			case: "deny: a token deny when the custodian does not name the token (when in doubt)",
			run: || {
				let token = issue_token(PATIENT);
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Deny, Scope::Token(token))],
				);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "permit: a token deny does not cover another named token",
			run: || {
				let token = issue_token(PATIENT);
				let id =
					grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Deny, Scope::Token(token))]);
				let scope =
					RecordScope { token: Some(token + 1), ..record(DataCategory::Imaging) };
				(check(NOBODY, scope, Action::Read, Purpose::Treatment), permit(id, 0))
			},
		},
		Row {
			case: "permit: a token permit covers that record whatever its labels",
			run: || {
				let token = issue_token(PATIENT);
				let id = grant(
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::Token(token))],
				);
				let scope = RecordScope {
					token: Some(token),
					..labelled(&[DataCategory::Hiv, DataCategory::DiagnosticReports])
				};
				(check(NOBODY, scope, Action::Read, Purpose::Treatment), permit(id, 0))
			},
		},
		Row {
			case: "deny: an organisation grantee the consortium suspended",
			run: || {
				grant(
					Grantee::Organisation(HOSPITAL_ORG),
					vec![provision(Decision::Permit, Scope::All)],
				);
				assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
				(
					check(
						HOSPITAL_AGENT,
						record(DataCategory::Imaging),
						Action::Read,
						Purpose::Treatment,
					),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: an organisation grantee accredited for nothing any more",
			run: || {
				grant(Grantee::Organisation(LAB_ORG), vec![provision(Decision::Permit, Scope::All)]);
				assert_ok!(Registry::suspend_accreditation(
					RuntimeOrigin::root(),
					LAB_ORG,
					pallet_registry::Role::DataCustodian
				));
				(
					check(LAB, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: an agent removed from the grantee organisation",
			run: || {
				grant(
					Grantee::Organisation(HOSPITAL_ORG),
					vec![provision(Decision::Permit, Scope::All)],
				);
				assert_ok!(Registry::leave_organisation(
					RuntimeOrigin::signed(HOSPITAL_AGENT),
					HOSPITAL_ORG
				));
				(
					check(
						HOSPITAL_AGENT,
						record(DataCategory::Imaging),
						Action::Read,
						Purpose::Treatment,
					),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: granted by a guardian since removed (checked when used)",
			run: || {
				appoint_guardian();
				grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					from_now(),
				);
				assert_ok!(Consent::remove_representative(
					RuntimeOrigin::signed(PATIENT),
					PATIENT,
					GUARDIAN
				));
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: granted by a guardian removed and appointed again (a new representation)",
			run: || {
				appoint_guardian();
				grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					from_now(),
				);
				assert_ok!(Consent::remove_representative(
					RuntimeOrigin::signed(GUARDIAN),
					PATIENT,
					GUARDIAN
				));
				appoint_guardian();
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: granted by a guardian whose appointment expired",
			run: || {
				assert_ok!(Consent::appoint_representative(
					RuntimeOrigin::signed(PATIENT),
					GUARDIAN,
					Capacity::Guardian,
					Some(START + DAY),
					false
				));
				grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					from_now(),
				);
				Now::set(START + DAY);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: a removed guardian's deny still denies until revoked",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				appoint_guardian();
				let deny_id = grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Deny, Scope::Category(DataCategory::Imaging))],
					from_now(),
				);
				assert_ok!(Consent::remove_representative(
					RuntimeOrigin::signed(PATIENT),
					PATIENT,
					GUARDIAN
				));
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "permit: granted by a guardian two providers recorded and attested",
			run: || {
				record_and_attest_guardian();
				let id = grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					from_now(),
				);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					permit(id, 0),
				)
			},
		},
		Row {
			case: "deny: granted by a provider-recorded guardian once the recorder is suspended",
			run: || {
				record_and_attest_guardian();
				grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					from_now(),
				);
				assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: granted by a provider-recorded guardian once the attester lost its accreditation",
			run: || {
				record_and_attest_guardian();
				grant_for(
					GUARDIAN,
					PATIENT,
					Grantee::Account(NOBODY),
					vec![provision(Decision::Permit, Scope::All)],
					from_now(),
				);
				assert_ok!(Registry::revoke_accreditation(
					RuntimeOrigin::root(),
					CLINIC_ORG,
					pallet_registry::Role::Provider
				));
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: a deny to an organisation still applies once it is suspended",
			run: || {
				grant(
					Grantee::Account(HOSPITAL_AGENT),
					vec![provision(Decision::Permit, Scope::All)],
				);
				let deny_id = grant(
					Grantee::Organisation(HOSPITAL_ORG),
					vec![provision(Decision::Deny, Scope::All)],
				);
				assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
				(
					check(
						HOSPITAL_AGENT,
						record(DataCategory::Imaging),
						Action::Read,
						Purpose::Treatment,
					),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "deny: break-glass once the practitioner left their provider",
			run: || {
				open_emergency();
				assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(DOCTOR), CLINIC_ORG));
				(
					check(DOCTOR, record(DataCategory::Imaging), Action::Read, Purpose::Emergency),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: a deny over the sensitive categories, of a record with one of them",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id =
					grant(Grantee::Account(NOBODY), vec![provision(Decision::Deny, Scope::Sensitive)]);
				(
					check(
						NOBODY,
						labelled(&[DataCategory::Imaging, DataCategory::SubstanceUse]),
						Action::Read,
						Purpose::Treatment,
					),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "permit: a deny over the sensitive categories, of a record with none",
			run: || {
				let id =
					grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Deny, Scope::Sensitive)]);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					permit(id, 0),
				)
			},
		},
		Row {
			case: "deny: an unlabelled record under a deny over the sensitive categories",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id =
					grant(Grantee::Account(NOBODY), vec![provision(Decision::Deny, Scope::Sensitive)]);
				(check(NOBODY, labelled(&[]), Action::Read, Purpose::Treatment), deny(deny_id, 0))
			},
		},
		Row {
			case: "permit: a permit over the sensitive categories and one over imaging",
			run: || {
				let id = grant(
					Grantee::Account(NOBODY),
					vec![
						provision(Decision::Permit, Scope::Category(DataCategory::Imaging)),
						provision(Decision::Permit, Scope::Sensitive),
					],
				);
				(
					check(
						NOBODY,
						labelled(&[DataCategory::Hiv, DataCategory::Imaging]),
						Action::Read,
						Purpose::Treatment,
					),
					permit(id, 1),
				)
			},
		},
		Row {
			case: "deny: a permit over the sensitive categories does not cover imaging",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::Sensitive)]);
				(
					check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
					no_consent(),
				)
			},
		},
		Row {
			case: "deny: a committed deny over hiv, opened, of a record labelled hiv",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(Grantee::Account(NOBODY), vec![committed(Decision::Deny, HIV)]);
				let record = labelled(&[DataCategory::Imaging, DataCategory::Hiv]);
				(check_opened(NOBODY, record, &[HIV]), deny(deny_id, 0))
			},
		},
		Row {
			case: "permit: a committed deny over hiv, opened, of an imaging record",
			run: || {
				let id =
					grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				grant(Grantee::Account(NOBODY), vec![committed(Decision::Deny, HIV)]);
				(check_opened(NOBODY, record(DataCategory::Imaging), &[HIV]), permit(id, 0))
			},
		},
		Row {
			case: "deny: a committed deny nobody opened covers every record",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(Grantee::Account(NOBODY), vec![committed(Decision::Deny, HIV)]);
				(check_opened(NOBODY, record(DataCategory::Imaging), &[]), deny(deny_id, 0))
			},
		},
		Row {
			case: "deny: a committed deny opened with the wrong salt stays closed",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(Grantee::Account(NOBODY), vec![committed(Decision::Deny, HIV)]);
				let wrong = ScopeOpening { category: DataCategory::Hiv, salt: [9; 32] };
				(
					check_opened(NOBODY, record(DataCategory::Imaging), &[wrong]),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "deny: an opening names another category than the one committed to",
			run: || {
				grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
				let deny_id = grant(Grantee::Account(NOBODY), vec![committed(Decision::Deny, HIV)]);
				// The salt of the hiv commitment, with imaging: it opens nothing.
				let imaging = ScopeOpening { category: DataCategory::Imaging, salt: HIV.salt };
				(
					check_opened(NOBODY, record(DataCategory::Imaging), &[imaging]),
					deny(deny_id, 0),
				)
			},
		},
		Row {
			case: "permit: a committed permit over imaging, opened",
			run: || {
				let id = grant(Grantee::Account(NOBODY), vec![committed(Decision::Permit, IMAGING)]);
				(check_opened(NOBODY, record(DataCategory::Imaging), &[IMAGING]), permit(id, 0))
			},
		},
		Row {
			case: "deny: a committed permit nobody opened permits nothing",
			run: || {
				grant(Grantee::Account(NOBODY), vec![committed(Decision::Permit, IMAGING)]);
				(check_opened(NOBODY, record(DataCategory::Imaging), &[]), no_consent())
			},
		},
		Row {
			case: "deny: a committed permit over imaging, opened, of a record labelled hiv too",
			run: || {
				grant(Grantee::Account(NOBODY), vec![committed(Decision::Permit, IMAGING)]);
				let record = labelled(&[DataCategory::Imaging, DataCategory::Hiv]);
				(check_opened(NOBODY, record, &[IMAGING, HIV]), no_consent())
			},
		},
		Row {
			case: "deny: another patient's commitment, copied, is not opened by its opening",
			run: || {
				// A patient copies another's public commitment into a permit of their own and has
				// the custodian ask with the other's opening: nothing opens, nothing is learnt.
				let theirs = provision(Decision::Permit, Scope::Committed(HIV.commitment(&PATIENT2)));
				grant(Grantee::Account(NOBODY), vec![theirs]);
				(check_opened(NOBODY, record(DataCategory::Hiv), &[HIV]), no_consent())
			},
		},
	]
}

/// The opening of a committed deny or permit over hiv.
const HIV: ScopeOpening = ScopeOpening { category: DataCategory::Hiv, salt: [0x41; 32] };
/// The opening of a committed scope over imaging.
const IMAGING: ScopeOpening = ScopeOpening { category: DataCategory::Imaging, salt: [0x42; 32] };

/// A `decision` over the category `opening` commits to, for reading for treatment.
fn committed(decision: Decision, opening: ScopeOpening) -> Provision {
	provision(decision, Scope::Committed(opening.commitment(&PATIENT)))
}

/// [`check`] for reading for treatment, with `openings`.
fn check_opened(grantee: u64, scope: RecordScope, openings: &[ScopeOpening]) -> AccessDecision {
	ask(grantee, scope, Action::Read, Purpose::Treatment, openings)
}

#[test]
fn attack_a_committed_scope_tells_an_observer_no_category() {
	ExtBuilder::default().build_and_execute(|| {
		// The same category committed twice (by two pseudonyms, or twice by one): two unrelated
		// commitments, and neither is the commitment of any category without the salt.
		let again = ScopeOpening { category: DataCategory::Hiv, salt: [0x43; 32] };
		assert_ne!(HIV.commitment(&PATIENT), again.commitment(&PATIENT));
		assert_ne!(HIV.commitment(&PATIENT), HIV.commitment(&PATIENT2), "bound to the patient");
		let id = grant(Grantee::Account(NOBODY), vec![committed(Decision::Deny, HIV)]);
		let stored = crate::Consents::<Test>::get(id).expect("stored").encode();
		for category in [DataCategory::Hiv, DataCategory::Imaging, DataCategory::MentalHealth] {
			let unsalted = healthchain_primitives::scope_commitment(&PATIENT, &category, &[0; 32]);
			assert!(!stored.windows(32).any(|w| w == unsalted.as_bytes()));
		}
		// What is stored names no category: the provision's scope is the commitment alone.
		assert_eq!(
			crate::Consents::<Test>::get(id).unwrap().provisions[0].scope,
			Scope::Committed(HIV.commitment(&PATIENT))
		);
		// The commitment is the documented one.
		assert_eq!(
			HIV.commitment(&PATIENT),
			sp_runtime::traits::BlakeTwo256::hash(
				&[
					&b"healthchain:scope:1"[..],
					&PATIENT.encode(),
					&[0x41; 32],
					&[DataCategory::Hiv as u8]
				]
				.concat()
			)
		);
	});
}

/// `PATIENT` appoints `GUARDIAN`, without power over the patient's own consents.
fn appoint_guardian() {
	assert_ok!(Consent::appoint_representative(
		RuntimeOrigin::signed(PATIENT),
		GUARDIAN,
		Capacity::Guardian,
		None,
		false
	));
}

/// The hospital records `GUARDIAN` for `PATIENT` and the clinic attests it.
fn record_and_attest_guardian() {
	let evidence = sp_core::H256::repeat_byte(3);
	assert_ok!(Consent::record_representative(
		RuntimeOrigin::signed(HOSPITAL_AGENT),
		PATIENT,
		GUARDIAN,
		Capacity::Guardian,
		None,
		evidence
	));
	assert_ok!(Consent::attest_representative(
		RuntimeOrigin::signed(CLINIC),
		PATIENT,
		HOSPITAL_ORG,
		GUARDIAN,
		evidence
	));
}

/// A medical record issued by the hospital to `patient`; its token id.
fn issue_token(patient: u64) -> crate::TokenId {
	assert_ok!(HealthTokens::issue_record(
		RuntimeOrigin::signed(HOSPITAL),
		patient,
		pallet_registry::Role::Provider,
		pallet_health_tokens::DocumentRef {
			document_hash: sp_core::H256::repeat_byte(42),
			algorithm: pallet_health_tokens::HashAlgorithm::Sha256,
			locator: None,
		}
	));
	pallet_health_tokens::NextTokenId::<Test>::get() - 1
}

/// `DOCTOR` breaks the glass on `PATIENT` for one hour.
fn open_emergency() {
	assert_ok!(Consent::open_emergency_access(
		RuntimeOrigin::signed(DOCTOR),
		PATIENT,
		Justification::PatientUnableToConsent,
		HOUR
	));
}

#[test]
fn check_access_decides_every_case_of_the_table() {
	for row in rows() {
		ExtBuilder::default().build_and_execute(|| {
			let (answer, expected) = (row.run)();
			assert_eq!(answer, expected, "{}", row.case);
		});
	}
}

#[test]
fn check_access_batch_decides_every_case_of_the_table_as_check_access_does() {
	VIA_BATCH.set(true);
	for row in rows() {
		ExtBuilder::default().build_and_execute(|| {
			let (answer, expected) = (row.run)();
			assert_eq!(answer, expected, "in a batch: {}", row.case);
		});
	}
	VIA_BATCH.set(false);
}

#[test]
fn a_mixed_batch_answers_each_question_as_check_access_opened_does() {
	ExtBuilder::default().build_and_execute(|| {
		// A permit to an account, one to an organisation, a committed deny, another patient's
		// deny, and a break-glass: what the batch's caches (a patient's consents, an
		// organisation's standing per purpose) must not mix up.
		grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		let imaging = provision(Decision::Permit, Scope::Category(DataCategory::Imaging));
		grant(Grantee::Organisation(HOSPITAL_ORG), vec![imaging]);
		grant(Grantee::Account(NOBODY), vec![committed(Decision::Deny, HIV)]);
		let deny = provision(Decision::Deny, Scope::Category(DataCategory::Imaging));
		grant_for(PATIENT2, PATIENT2, Grantee::Account(NOBODY), vec![deny], from_now());
		open_emergency();
		let mut queries = Vec::new();
		for accessor in [NOBODY, HOSPITAL_AGENT, DOCTOR] {
			for patient in [PATIENT, PATIENT2] {
				for purpose in [Purpose::Treatment, Purpose::Research, Purpose::Emergency] {
					for (labels, openings) in [
						(vec![DataCategory::Imaging], vec![]),
						(vec![DataCategory::Imaging, DataCategory::Hiv], vec![HIV]),
						(vec![], vec![HIV]),
					] {
						let question = crate::AccessQuestion {
							accessor,
							patient,
							scope: labelled(&labels),
							action: Action::Read,
							purpose,
						};
						queries.push(crate::AccessQuery { question, openings });
					}
				}
			}
		}
		let answers = Consent::check_access_batch(&queries).expect("54 questions");
		assert_eq!(answers.len(), queries.len());
		for (query, answer) in queries.iter().zip(&answers) {
			let q = &query.question;
			let alone = Consent::check_access_opened(
				&q.accessor,
				&q.patient,
				&q.scope,
				q.action,
				q.purpose,
				&query.openings,
			);
			assert_eq!(*answer, alone, "{q:?} with {} openings", query.openings.len());
		}
		let decided = |decision| answers.iter().filter(|a| a.decision == decision).count();
		assert!(decided(Decision::Permit) > 0 && decided(Decision::Deny) > 0, "{answers:?}");
		assert!(answers.iter().any(|a| matches!(a.basis, Basis::Emergency { .. })));
	});
}

#[test]
fn check_access_batch_refuses_more_than_max_batch_questions_whole() {
	ExtBuilder::default().build_and_execute(|| {
		grant(Grantee::Account(NOBODY), vec![provision(Decision::Permit, Scope::All)]);
		let query = crate::AccessQuery {
			question: crate::AccessQuestion {
				accessor: NOBODY,
				patient: PATIENT,
				scope: record(DataCategory::Imaging),
				action: Action::Read,
				purpose: Purpose::Treatment,
			},
			openings: vec![],
		};
		let most = vec![query.clone(); crate::MAX_BATCH as usize];
		let answers = Consent::check_access_batch(&most).expect("MAX_BATCH questions answered");
		assert_eq!(answers.len(), crate::MAX_BATCH as usize);
		assert!(answers.iter().all(|answer| answer.decision == Decision::Permit));
		let one_more = vec![query; crate::MAX_BATCH as usize + 1];
		assert_eq!(
			Consent::check_access_batch(&one_more),
			Err(crate::AccessBatchError::TooManyQuestions { max: crate::MAX_BATCH })
		);
		assert_eq!(Consent::check_access_batch(&[]), Ok(vec![]), "no question, no answer");
	});
}

#[test]
fn check_access_ignores_other_patients_consents() {
	ExtBuilder::default().build_and_execute(|| {
		grant_for(
			PATIENT2,
			PATIENT2,
			Grantee::Account(NOBODY),
			vec![provision(Decision::Permit, Scope::All)],
			from_now(),
		);
		assert_eq!(
			check(NOBODY, record(DataCategory::Imaging), Action::Read, Purpose::Treatment),
			no_consent()
		);
	});
}
