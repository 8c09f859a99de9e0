//! `suspend`, `reinstate` and `revoke`, and an attestation's status over time.

use super::*;

#[test]
fn suspend_reinstate_revoke_and_their_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let id = attest();
		assert_noop!(Insurance::reinstate(origin(AGENT), id), Error::<Test>::NotSuspended);
		assert_ok!(Insurance::suspend(origin(OTHER_AGENT), id));
		assert_eq!(last_event(), Event::Suspended { attestation: id, by: OTHER_AGENT });
		assert_eq!(status(id), Err(NotInForce::Suspended));
		assert_noop!(Insurance::suspend(origin(AGENT), id), Error::<Test>::NotActive);
		assert_ok!(Insurance::reinstate(origin(AGENT), id));
		assert_eq!(last_event(), Event::Reinstated { attestation: id, by: AGENT });
		assert!(status(id).is_ok());
		assert_ok!(Insurance::suspend(origin(AGENT), id));
		assert_ok!(Insurance::revoke(origin(INSURER), id));
		assert_eq!(last_event(), Event::Revoked { attestation: id, by: INSURER });
		assert_eq!(status(id), Err(NotInForce::Revoked));
		assert_noop!(Insurance::revoke(origin(AGENT), id), Error::<Test>::Final);
		assert_noop!(Insurance::suspend(origin(AGENT), id), Error::<Test>::Final);
		assert_noop!(Insurance::reinstate(origin(AGENT), id), Error::<Test>::Final);
		assert_noop!(
			Insurance::renew(origin(AGENT), id, root(), START, START + YEAR),
			Error::<Test>::Final
		);
		for call in [Insurance::suspend, Insurance::revoke, Insurance::reinstate] {
			assert_noop!(call(origin(AGENT), 99), Error::<Test>::AttestationNotFound);
		}
	});
}

#[test]
fn status_follows_the_period_without_a_transaction() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Insurance::attest(origin(AGENT), PATIENT, root(), START + DAY, START + YEAR));
		assert_eq!(status(0), Err(NotInForce::NotYetStarted));
		Now::set(START + DAY);
		assert!(status(0).is_ok());
		Now::set(START + YEAR - 1);
		assert!(status(0).is_ok());
		Now::set(START + YEAR);
		assert_eq!(status(0), Err(NotInForce::Expired));
		assert_eq!(status(7), Err(NotInForce::AttestationNotFound));
	});
}
