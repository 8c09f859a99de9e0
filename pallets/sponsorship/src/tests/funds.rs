//! Funding a sponsor account, which anyone may, and withdrawing from it, which only the
//! organisation's admin may, never what it holds as deposits.

use super::*;

#[test]
fn anyone_funds_a_sponsor_account_and_only_its_admin_takes_from_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Sponsorship::fund(RuntimeOrigin::signed(RICH), 99, 10),
			Error::<Test>::OrganisationNotFound
		);
		assert_noop!(
			Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(Sponsorship::fund(RuntimeOrigin::signed(RICH), OTHER_ORG, 500));
		System::assert_last_event(
			Event::Funded { organisation: OTHER_ORG, by: RICH, amount: 500 }.into(),
		);
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(AGENT), 10),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(RICH), 10),
			Error::<Test>::NotAnAgent
		);
		// The account keeps its existential deposit.
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(OTHER), 500),
			Error::<Test>::InsufficientFunds
		);
		let before = Balances::balance(&OTHER);
		assert_ok!(Sponsorship::withdraw(RuntimeOrigin::signed(OTHER), 400));
		assert_eq!(Balances::balance(&OTHER), before + 400);
		System::assert_last_event(
			Event::Withdrawn { organisation: OTHER_ORG, by: OTHER, amount: 400 }.into(),
		);
	});
}

#[test]
fn a_withdrawal_never_takes_what_is_held_as_deposits() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		let free = Balances::balance(&pot(HOSPITAL_ORG));
		assert_noop!(
			Sponsorship::withdraw(RuntimeOrigin::signed(HOSPITAL), free),
			Error::<Test>::InsufficientFunds
		);
		let view = Pallet::sponsor_account_of(HOSPITAL_ORG);
		assert_eq!(view.held, DEPOSIT);
		assert_ok!(Sponsorship::withdraw(RuntimeOrigin::signed(HOSPITAL), view.spendable));
		assert_eq!(Pallet::sponsor_account_of(HOSPITAL_ORG).held, DEPOSIT);
	});
}
