//! `refuse_insurer` and `allow_insurer`.

use super::*;

#[test]
fn refuse_insurer_and_allow_insurer_fail_as_they_should() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Insurance::refuse_insurer(origin(PATIENT), 77),
			Error::<Test>::OrganisationNotFound
		);
		assert_noop!(
			Insurance::allow_insurer(origin(PATIENT), INSURER_ORG),
			Error::<Test>::NotRefused
		);
		assert_noop!(
			Insurance::refuse_insurer(origin(POOR), INSURER_ORG),
			Error::<Test>::InsufficientBalance
		);
		// One patient's refusal is theirs alone: another cannot lift it.
		assert_ok!(Insurance::refuse_insurer(origin(PATIENT), INSURER_ORG));
		assert_noop!(
			Insurance::allow_insurer(origin(OTHER_PATIENT), INSURER_ORG),
			Error::<Test>::NotRefused
		);
	});
}
