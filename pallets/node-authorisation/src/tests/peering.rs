//! Who peers with whom: every authorised node with every other that may peer now, no stranger;
//! a node left out as soon as its organisation's standing or its owner's agency ends.

use super::*;

#[test]
fn every_authorised_node_peers_with_every_other_and_no_stranger() {
	ExtBuilder::default().bare().build_and_execute(|| {
		// No node authorised: the network is open.
		assert_eq!(peers(ROGUE_NODE), None);
	});
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(peers(FOUNDER_NODE), Some(vec![]), "alone in genesis");
		authorise_both();
		// In the nodes' order (the peers are a set).
		assert_eq!(peers(FOUNDER_NODE), Some(vec![HOSPITAL_NODE, INSURER_NODE]));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE, INSURER_NODE]));
		// A node the chain does not authorise gets no peer from it, and none accepts it.
		assert_eq!(peers(ROGUE_NODE), Some(vec![]));
		for n in [FOUNDER_NODE, HOSPITAL_NODE, INSURER_NODE] {
			assert!(!peers(n).unwrap().contains(&ROGUE_NODE));
		}

		// Removed: the others drop it at once.
		assert_ok!(NodeAuthorisation::remove_node(RuntimeOrigin::root(), INSURER_NODE));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE]));
		assert_eq!(peers(INSURER_NODE), Some(vec![]));
		assert!(!peers(FOUNDER_NODE).unwrap().contains(&INSURER_NODE));
		assert_eq!(
			events().last(),
			Some(&Event::NodeRemoved { node: INSURER_NODE, owner: INSURER })
		);
		assert_noop!(
			NodeAuthorisation::remove_node(RuntimeOrigin::root(), INSURER_NODE),
			Error::<Test>::NotAuthorised
		);
	});
}

#[test]
fn a_node_stops_peering_when_its_organisation_or_its_owners_agency_ends() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		let info = |n| Nodes::<Test>::get(n).unwrap();

		// The hospital suspended: nobody peers with its node (it keeps trying the others, so
		// that it is back as soon as it may be); back when reinstated. No transaction of this
		// pallet in between.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(NodeAuthorisation::left_out(&info(HOSPITAL_NODE)), Some(OrganisationSuspended));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE, INSURER_NODE]));
		assert_eq!(peers(FOUNDER_NODE), Some(vec![INSURER_NODE]));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert!(peers(FOUNDER_NODE).unwrap().contains(&HOSPITAL_NODE));

		// Its operator leaves the hospital: the node is out.
		assert_ok!(Registry::leave_organisation(
			RuntimeOrigin::signed(HOSPITAL_OPERATOR),
			HOSPITAL_ORG
		));
		assert_eq!(NodeAuthorisation::left_out(&info(HOSPITAL_NODE)), Some(NotAnAgent));
		assert!(!peers(INSURER_NODE).unwrap().contains(&HOSPITAL_NODE));

		// The insurer's accreditation runs out: out with no transaction at all.
		Now::set(START + 401 * DAY);
		assert_eq!(NodeAuthorisation::left_out(&info(INSURER_NODE)), Some(NoAccreditationInForce));
		assert_eq!(peers(FOUNDER_NODE), Some(vec![]));
		// A founding member's node has no organisation: it stays until removed.
		assert_eq!(NodeAuthorisation::left_out(&info(FOUNDER_NODE)), None);
	});
}

/// Item 14 of the second review: a founding node named with its organisation in genesis (as a
/// members file names it) lapses with that organisation's standing and its owner's agency,
/// like any node the consortium authorised later.
#[test]
fn a_founding_node_with_an_organisation_stops_peering_when_it_ends() {
	ExtBuilder::default().founder_runs_for_the_insurer().build_and_execute(|| {
		assert_ok!(authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, HOSPITAL_ORG));
		let info = |n| Nodes::<Test>::get(n).unwrap();
		assert_eq!(info(FOUNDER_NODE).organisation, Some(INSURER_ORG));
		assert_eq!(NodeAuthorisation::left_out(&info(FOUNDER_NODE)), None);
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE]));

		// The insurer suspended: its founding node is out, with no transaction of this pallet.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INSURER_ORG));
		assert_eq!(NodeAuthorisation::left_out(&info(FOUNDER_NODE)), Some(OrganisationSuspended));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![]));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), INSURER_ORG));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE]));

		// Its owner leaves the insurer: out again.
		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(FOUNDER), INSURER_ORG));
		assert_eq!(NodeAuthorisation::left_out(&info(FOUNDER_NODE)), Some(NotAnAgent));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![]));
	});
}

#[test]
fn a_validators_node_stays_until_the_validator_set_drops_the_validator() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		// The insurer's node is owned by a validator of this session: the insurer suspended,
		// its node still peers (a GRANDPA voter is not cut off mid-session)...
		Validators::set(vec![INSURER]);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INSURER_ORG));
		let insurer = Nodes::<Test>::get(INSURER_NODE).unwrap();
		assert_eq!(NodeAuthorisation::left_out(&insurer), None);
		assert!(peers(FOUNDER_NODE).unwrap().contains(&INSURER_NODE));
		// ... until the validator set has dropped it (at a session change).
		Validators::set(vec![]);
		assert_eq!(NodeAuthorisation::left_out(&insurer), Some(OrganisationSuspended));
		assert!(!peers(FOUNDER_NODE).unwrap().contains(&INSURER_NODE));
	});
}
