//! Command-line values of the runtime's field-less enums, declared once: the types of
//! [`healthchain_primitives`] by their own type information, the generated ones
//! ([`crate::runtime`]) by the `clap::ValueEnum` the code generation derives for them. Either
//! way a value is the variant's name in kebab case (`licensing-board`). A value's help is the
//! variant's documentation where the type information carries it (healthchain's enums are
//! built without their docs in their type information today, so the values are listed without
//! help).

use clap::{
	builder::{PossibleValue, PossibleValuesParser, TypedValueParser},
	ValueEnum,
};
use scale_info::{TypeDef, TypeInfo};

/// A value parser for the field-less enum `T` of [`healthchain_primitives`] (`Role`,
/// `OrganisationKind`, `Profession`): its variants from `T`'s `TypeInfo`, the value built by
/// decoding the variant's index (SCALE's encoding of a field-less variant).
pub fn primitive<T>() -> impl TypedValueParser<Value = T>
where
	T: TypeInfo + codec::Decode + Clone + Send + Sync + 'static,
{
	let variants: Vec<(String, u8, String)> = match T::type_info().type_def {
		TypeDef::Variant(def) => def
			.variants
			.iter()
			.filter(|variant| variant.fields.is_empty())
			.map(|variant| (kebab_case(variant.name), variant.index, variant.docs.join(" ")))
			.collect(),
		_ => Vec::new(),
	};
	let values: Vec<PossibleValue> = variants
		.iter()
		.map(|(name, _, docs)| match docs.trim() {
			"" => PossibleValue::new(name.clone()),
			docs => PossibleValue::new(name.clone()).help(docs.to_string()),
		})
		.collect();
	PossibleValuesParser::new(values).try_map(move |name: String| {
		let index = variants
			.iter()
			.find(|(variant, ..)| *variant == name)
			.map(|(_, index, _)| *index)
			.ok_or_else(|| format!("unknown value {name}"))?;
		T::decode(&mut &[index][..]).map_err(|e| format!("{name}: {e}"))
	})
}

/// A value parser for the generated enum `T` without the variants in `skip`: those a user may
/// not choose (`VersionReason::Issued` is the chain's to write, not the user's).
pub fn except<T>(skip: &'static [T]) -> impl TypedValueParser<Value = T>
where
	T: ValueEnum + PartialEq + Clone + Send + Sync + 'static,
{
	let values: Vec<PossibleValue> = T::value_variants()
		.iter()
		.filter(|variant| !skip.contains(variant))
		.filter_map(ValueEnum::to_possible_value)
		.collect();
	PossibleValuesParser::new(values).try_map(|name: String| T::from_str(&name, false))
}

/// `LicensingBoard` as `licensing-board`, `Blake2_256` as `blake2-256` (what `clap::ValueEnum`
/// makes of a variant name).
pub fn kebab_case(name: &str) -> String {
	crate::output::snake_case(name).replace('_', "-").replace("--", "-")
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::{Arg, Command};
	use healthchain_primitives::{OrganisationKind, Profession, Role};

	fn parse<T: Clone + Send + Sync + 'static>(
		parser: impl TypedValueParser<Value = T>,
		value: &str,
	) -> Result<T, clap::Error> {
		Command::new("t")
			.arg(Arg::new("v").value_parser(parser))
			.try_get_matches_from(["t", value])
			.map(|matches| matches.get_one::<T>("v").cloned().expect("a value"))
	}

	#[test]
	fn primitives_parse_by_kebab_name_and_refuse_others() {
		assert_eq!(parse(primitive::<Role>(), "licensing-board").unwrap(), Role::LicensingBoard);
		assert_eq!(parse(primitive::<Role>(), "data-custodian").unwrap(), Role::DataCustodian);
		assert_eq!(
			parse(primitive::<OrganisationKind>(), "organ-procurement-organisation").unwrap(),
			OrganisationKind::OrganProcurementOrganisation
		);
		assert_eq!(
			parse(primitive::<Profession>(), "laboratory-scientist").unwrap(),
			Profession::LaboratoryScientist
		);
		let refused = parse(primitive::<Role>(), "surgeon").unwrap_err().to_string();
		assert!(refused.contains("possible values") && refused.contains("provider"), "{refused}");
	}

	#[test]
	fn generated_enums_skip_what_a_user_may_not_choose() {
		use crate::runtime::api::runtime_types::pallet_health_tokens::types::VersionReason;
		const SKIP: &[VersionReason] = &[VersionReason::Issued, VersionReason::SessionClosed];
		assert_eq!(parse(except(SKIP), "amended").unwrap(), VersionReason::Amended);
		assert!(parse(except(SKIP), "issued").is_err());
		assert!(parse(except(SKIP), "session-closed").is_err());
	}

	#[test]
	fn kebab_case_matches_clap() {
		assert_eq!(kebab_case("LicensingBoard"), "licensing-board");
		assert_eq!(kebab_case("Blake2_256"), "blake2-256");
		assert_eq!(kebab_case("Hiv"), "hiv");
	}
}
