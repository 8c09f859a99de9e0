//! Sponsoring a patient who agreed (and the refusals), ending a sponsorship, by the patient
//! or the sponsor, and another organisation replacing a sponsor out of good standing.

use super::*;

#[test]
fn an_agent_sponsors_a_patient_who_agreed() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		let sponsorship = Sponsorships::<Test>::get(PATIENT).unwrap();
		assert_eq!(sponsorship.sponsor, HOSPITAL_ORG);
		assert_eq!(sponsorship.budget, 1_000);
		assert!(SponsoredBy::<Test>::contains_key(HOSPITAL_ORG, PATIENT));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::SponsorshipDeposit.into(), &pot(HOSPITAL_ORG)),
			DEPOSIT
		);
		// The patient holds nothing and yet exists, so that it can sign.
		assert_eq!(Balances::total_balance(&PATIENT), 0);
		assert_eq!(System::sufficients(&PATIENT), 1);
		System::assert_last_event(
			Event::Sponsored { patient: PATIENT, sponsor: HOSPITAL_ORG, by: AGENT, budget: 1_000 }
				.into(),
		);
	});
}

#[test]
fn sponsoring_is_refused_without_the_patients_fresh_agreement() {
	ExtBuilder::default().build_and_execute(|| {
		let sponsor_with = |who, patient, until, signature| {
			Sponsorship::sponsor(RuntimeOrigin::signed(who), patient, 1_000, until, signature)
		};
		// Signed for another organisation, or by another account.
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 5, agreement(OTHER_ORG, PATIENT, 5)),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 5, agreement(HOSPITAL_ORG, OTHER_PATIENT, 5)),
			Error::<Test>::BadSignature
		);
		// Signed for another validity than the one given.
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 6, agreement(HOSPITAL_ORG, PATIENT, 5)),
			Error::<Test>::BadSignature
		);
		// Expired, or valid for too long.
		System::set_block_number(6);
		assert_noop!(
			sponsor_with(AGENT, PATIENT, 5, agreement(HOSPITAL_ORG, PATIENT, 5)),
			Error::<Test>::AgreementExpired
		);
		let too_far = 6 + AGREEMENT_LIFE + 1;
		assert_noop!(
			sponsor_with(AGENT, PATIENT, too_far, agreement(HOSPITAL_ORG, PATIENT, too_far)),
			Error::<Test>::AgreementTooLong
		);
	});
}

#[test]
fn only_an_agent_of_an_organisation_in_good_standing_sponsors_and_never_its_own() {
	ExtBuilder::default().build_and_execute(|| {
		let try_sponsor = |who: u64, org: u32, patient: u64| {
			Sponsorship::sponsor(
				RuntimeOrigin::signed(who),
				patient,
				1_000,
				5,
				agreement(org, patient, 5),
			)
		};
		assert_noop!(try_sponsor(RICH, HOSPITAL_ORG, PATIENT), Error::<Test>::NotAnAgent);
		assert_noop!(
			try_sponsor(UNACCREDITED, UNACCREDITED_ORG, PATIENT),
			Error::<Test>::NotInGoodStanding
		);
		assert_noop!(try_sponsor(AGENT, HOSPITAL_ORG, HOSPITAL), Error::<Test>::OwnAgent);
		// The other hospital's sponsor account is empty.
		assert_noop!(try_sponsor(OTHER, OTHER_ORG, PATIENT), Error::<Test>::InsufficientFunds);
		// One sponsor per account.
		sponsor(PATIENT, 1_000);
		Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 1_000).unwrap();
		assert_noop!(try_sponsor(OTHER, OTHER_ORG, PATIENT), Error::<Test>::AlreadySponsored);
	});
}

#[test]
fn the_patient_or_the_sponsor_ends_a_sponsorship_and_nothing_else_goes() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		sponsor(OTHER_PATIENT, 1_000);
		assert_noop!(
			Sponsorship::end_sponsorship(RuntimeOrigin::signed(OTHER), PATIENT),
			Error::<Test>::NotTheSponsor
		);
		assert_noop!(
			Sponsorship::end_sponsorship(RuntimeOrigin::signed(OTHER_PATIENT), PATIENT),
			Error::<Test>::NotTheSponsor
		);
		assert_noop!(
			Sponsorship::set_budget(RuntimeOrigin::signed(OTHER), PATIENT, 1),
			Error::<Test>::NotTheSponsor
		);
		// The patient leaves, in a transaction the sponsor pays for.
		assert_ok!(submit(
			PATIENT,
			0,
			0,
			RuntimeCall::Sponsorship(crate::Call::end_sponsorship { patient: PATIENT })
		)
		.unwrap());
		System::assert_has_event(
			Event::SponsorshipEnded { patient: PATIENT, sponsor: HOSPITAL_ORG, by: PATIENT }.into(),
		);
		// It signed once, so it is kept (its nonce never goes back to zero).
		assert!(KeptAlive::<Test>::contains_key(PATIENT));
		assert_eq!(System::account_nonce(PATIENT), 1);
		// The agent ends the other one, which never signed: let go.
		assert_ok!(Sponsorship::end_sponsorship(RuntimeOrigin::signed(AGENT), OTHER_PATIENT));
		assert!(!KeptAlive::<Test>::contains_key(OTHER_PATIENT));
		assert!(!frame_system::Account::<Test>::contains_key(OTHER_PATIENT));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::SponsorshipDeposit.into(), &pot(HOSPITAL_ORG)),
			0
		);
		assert_noop!(
			Sponsorship::end_sponsorship(RuntimeOrigin::signed(AGENT), PATIENT),
			Error::<Test>::NotSponsored
		);
		// Sponsored again while the agreement holds; not after it.
		sponsor(PATIENT, 1_000);
		assert_eq!(System::sufficients(&PATIENT), 1);
		assert_ok!(Sponsorship::end_sponsorship(RuntimeOrigin::signed(AGENT), PATIENT));
		System::set_block_number(6);
		assert_noop!(
			Sponsorship::sponsor(
				RuntimeOrigin::signed(AGENT),
				PATIENT,
				1_000,
				5,
				agreement(HOSPITAL_ORG, PATIENT, 5)
			),
			Error::<Test>::AgreementExpired
		);
	});
}

/// A sponsor that lost its good standing pays nothing, and its patient, who may hold nothing,
/// cannot pay to leave: another organisation sponsors them in its place.
#[test]
fn another_organisation_replaces_a_sponsor_out_of_good_standing() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 1_000).unwrap();
		let by_other = || {
			Sponsorship::sponsor(
				RuntimeOrigin::signed(OTHER),
				PATIENT,
				1_000,
				5,
				agreement(OTHER_ORG, PATIENT, 5),
			)
		};
		assert_noop!(by_other(), Error::<Test>::AlreadySponsored);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_ok!(by_other());
		System::assert_has_event(
			Event::SponsorshipEnded { patient: PATIENT, sponsor: HOSPITAL_ORG, by: OTHER }.into(),
		);
		assert_eq!(Sponsorships::<Test>::get(PATIENT).unwrap().sponsor, OTHER_ORG);
		assert!(!SponsoredBy::<Test>::contains_key(HOSPITAL_ORG, PATIENT));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::SponsorshipDeposit.into(), &pot(HOSPITAL_ORG)),
			0
		);
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
	});
}
