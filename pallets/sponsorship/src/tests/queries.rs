//! The runtime API's answers: a sponsorship, its budget left in the current period, and the
//! accounts an organisation sponsors, page by page.

use super::*;

#[test]
fn the_runtime_api_reports_the_budget_left_in_the_current_period() {
	ExtBuilder::default().build_and_execute(|| {
		sponsor(PATIENT, 1_000);
		sponsor(OTHER_PATIENT, 1_000);
		let fee = remark_fee();
		assert_ok!(submit(PATIENT, 0, 0, remark()).unwrap());
		let view = Pallet::sponsorship_of(&PATIENT).unwrap();
		assert_eq!((view.spent, view.remaining, view.paying), (fee, 1_000 - fee, true));
		assert_eq!(view.sponsor_account, pot(HOSPITAL_ORG));
		System::set_block_number(1 + PERIOD);
		let view = Pallet::sponsorship_of(&PATIENT).unwrap();
		assert_eq!((view.spent, view.remaining), (0, 1_000));
		assert!(Pallet::sponsorship_of(&RICH).is_none());
		let page = Pallet::sponsored_by(HOSPITAL_ORG, None, 1);
		assert_eq!(page.items.len(), 1);
		let rest = Pallet::sponsored_by(HOSPITAL_ORG, page.next, 10);
		assert_eq!(rest.items.len(), 1);
		assert_eq!(rest.next, None);
		let mut all = [page.items[0], rest.items[0]];
		all.sort();
		assert_eq!(all, [PATIENT, OTHER_PATIENT]);
	});
}
