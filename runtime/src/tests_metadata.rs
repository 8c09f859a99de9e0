//! What wallets read from the metadata alone: no field of healthchain's own types, and no
//! argument of its calls or runtime API methods, bears a name polkadot.js reserves (`entries`,
//! `hash`, `keys`, `new`, `registry`, `size`). polkadot.js renames such a field (`hash_`,
//! `size_`), and reading it by its name then silently returns something else — the hash of the
//! whole struct, or the number of its fields — with no error.

use frame_support::__private::metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use scale_info::TypeDef;

/// The names polkadot.js's `Struct` (a `Map`) reserves for its own members.
const RESERVED: [&str; 6] = ["entries", "hash", "keys", "new", "registry", "size"];

/// The workspace's pallets, as their crates are named in type paths (`pallet_registry`, …):
/// every directory of `pallets/`, as `scripts/setup.sh` lists them. Derived, not listed, so
/// that a new pallet is checked without anyone remembering to add it here.
fn our_pallets() -> Vec<String> {
	let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../pallets");
	let mut pallets: Vec<String> = std::fs::read_dir(dir)
		.expect("the workspace's pallets/ directory")
		.filter_map(|entry| {
			let path = entry.ok()?.path();
			let name = path.file_name()?.to_str()?;
			path.join("Cargo.toml").exists().then(|| format!("pallet_{}", name.replace('-', "_")))
		})
		.collect();
	pallets.sort();
	pallets
}

/// Whether a type path is healthchain's: the runtime's own, its primitives', and every one of
/// its pallets' and their runtime APIs'.
fn is_ours(path: &str, pallets: &[String]) -> bool {
	path.starts_with("healthchain_")
		|| pallets.iter().any(|pallet| {
			path.strip_prefix(pallet.as_str())
				.is_some_and(|rest| rest.starts_with("::") || rest.starts_with("_runtime_api"))
		})
}

fn metadata() -> frame_support::__private::metadata::v15::RuntimeMetadataV15 {
	let metadata =
		crate::Runtime::metadata_at_version(15).expect("the runtime serves metadata v15");
	let metadata: RuntimeMetadataPrefixed =
		codec::Decode::decode(&mut &metadata[..]).expect("metadata decodes");
	let RuntimeMetadata::V15(metadata) = metadata.1 else { panic!("not metadata v15") };
	metadata
}

#[test]
fn no_field_or_argument_of_ours_bears_a_name_polkadot_js_reserves() {
	let metadata = metadata();
	let pallets = our_pallets();
	assert!(pallets.len() >= 9, "the workspace's pallets not found: {pallets:?}");
	let mut ours = 0;
	let mut crates = std::collections::BTreeSet::new();
	let mut offending = Vec::new();
	for ty in &metadata.types.types {
		let path = ty.ty.path.segments.join("::");
		if !is_ours(&path, &pallets) {
			continue;
		}
		ours += 1;
		crates.insert(ty.ty.path.segments[0].clone());
		// Struct fields, and the fields of enum variants: events, errors and calls (a call's
		// arguments are its variant's fields) among them.
		let fields: Vec<_> = match &ty.ty.type_def {
			TypeDef::Composite(composite) => composite.fields.iter().collect(),
			TypeDef::Variant(variant) => variant.variants.iter().flat_map(|v| &v.fields).collect(),
			_ => continue,
		};
		for field in fields {
			if let Some(name) = field.name.as_deref().filter(|name| RESERVED.contains(name)) {
				offending.push(format!("{path}.{name}"));
			}
		}
	}
	// The runtime APIs' method arguments.
	for api in &metadata.apis {
		for method in &api.methods {
			for input in &method.inputs {
				if RESERVED.contains(&input.name.as_str()) {
					offending.push(format!("{}::{}({})", api.name, method.name, input.name));
				}
			}
		}
	}
	assert!(ours > 100, "only {ours} of healthchain's types found: is the path filter right?");
	// Every crate of ours is covered: each pallet of the workspace is in the runtime and has
	// types in its metadata.
	for krate in pallets.iter().map(String::as_str).chain(["healthchain_primitives"]) {
		assert!(crates.contains(krate), "no type of {krate} checked: {crates:?}");
	}
	assert!(offending.is_empty(), "names polkadot.js reserves: {offending:?}");
}

/// Where the client's code is generated from: this runtime's metadata (v15), committed.
const CLIENT_METADATA: &str =
	concat!(env!("CARGO_MANIFEST_DIR"), "/../client/metadata/healthchain.scale");

/// The command that rewrites [`CLIENT_METADATA`] from this runtime.
const UPDATE_METADATA: &str = "scripts/update-metadata.sh";

/// The client's calls, events, runtime API answers and errors are generated (subxt's static
/// code generation) from the committed metadata: it must be this runtime's, or the client
/// builds calls the node refuses. With `HEALTHCHAIN_WRITE_METADATA` set, the test writes it
/// instead (what `scripts/update-metadata.sh` does).
#[test]
fn client_metadata_is_this_runtimes() {
	let metadata =
		crate::Runtime::metadata_at_version(15).expect("the runtime serves metadata v15");
	if std::env::var_os("HEALTHCHAIN_WRITE_METADATA").is_some() {
		std::fs::write(CLIENT_METADATA, &*metadata).expect("writes the client's metadata");
		return;
	}
	let committed = std::fs::read(CLIENT_METADATA).unwrap_or_default();
	assert!(
		committed == *metadata,
		"client/metadata/healthchain.scale ({} bytes) is not this runtime's metadata ({} bytes): \
		 regenerate it with `{UPDATE_METADATA}`, then build the client and fix what no longer \
		 compiles",
		committed.len(),
		metadata.len(),
	);
}
