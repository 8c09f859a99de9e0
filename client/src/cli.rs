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
/// `OrganisationKind`, `Profession`, `DataCategory`): its variants from `T`'s `TypeInfo`, the
/// value built by decoding the variant's index (SCALE's encoding of a field-less variant).
pub fn primitive<T>() -> impl TypedValueParser<Value = T>
where
	T: TypeInfo + codec::Decode + PartialEq + Clone + Send + Sync + 'static,
{
	primitive_except(&[])
}

/// [`primitive`] without the variants in `skip`: those a user may not choose
/// (`VersionReason::CHAIN_WRITTEN` are the chain's to write, not the user's).
pub fn primitive_except<T>(skip: &'static [T]) -> impl TypedValueParser<Value = T>
where
	T: TypeInfo + codec::Decode + PartialEq + Clone + Send + Sync + 'static,
{
	let variants: Vec<(String, T, String)> = match T::type_info().type_def {
		TypeDef::Variant(def) => def
			.variants
			.iter()
			.filter(|variant| variant.fields.is_empty())
			.filter_map(|variant| {
				let value = T::decode(&mut &[variant.index][..]).ok()?;
				(!skip.contains(&value))
					.then(|| (kebab_case(variant.name), value, variant.docs.join(" ")))
			})
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
		variants
			.iter()
			.find(|(variant, ..)| *variant == name)
			.map(|(_, value, _)| value.clone())
			.ok_or_else(|| format!("unknown value {name}"))
	})
}

/// The value of the field-less enum `T` of [`healthchain_primitives`] named `text` (kebab
/// case, as on the command line), or why not.
pub fn parse_primitive<T>(what: &str, text: &str) -> Result<T, String>
where
	T: TypeInfo + codec::Decode + PartialEq + Clone + Send + Sync + 'static,
{
	let TypeDef::Variant(def) = T::type_info().type_def else {
		return Err(format!("{what} is not an enum"));
	};
	let names: Vec<String> = def.variants.iter().map(|v| kebab_case(v.name)).collect();
	def.variants
		.iter()
		.find(|variant| variant.fields.is_empty() && kebab_case(variant.name) == text)
		.and_then(|variant| T::decode(&mut &[variant.index][..]).ok())
		.ok_or_else(|| format!("bad {what} {text:?}: one of {}", names.join(", ")))
}

/// A value parser for the generated enum `T` without the variants in `skip`: those a user may
/// not choose (`Capacity::Patient` is the patient's own, not a representative's).
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
	fn what_a_user_may_not_choose_is_skipped() {
		use healthchain_primitives::VersionReason;
		let except = || primitive_except(&VersionReason::CHAIN_WRITTEN);
		assert_eq!(parse(except(), "amended").unwrap(), VersionReason::Amended);
		assert!(parse(except(), "issued").is_err());
		assert!(parse(except(), "session-closed").is_err());
	}

	#[test]
	fn categories_parse_by_kebab_name() {
		use healthchain_primitives::DataCategory;
		assert_eq!(
			parse(primitive::<DataCategory>(), "mental-health").unwrap(),
			DataCategory::MentalHealth
		);
		assert_eq!(parse_primitive::<DataCategory>("category", "hiv"), Ok(DataCategory::Hiv));
		use healthchain_primitives::{Action, Purpose};
		assert_eq!(parse(primitive::<Action>(), "share").unwrap(), Action::Share);
		assert_eq!(parse(primitive::<Purpose>(), "operations").unwrap(), Purpose::Operations);
		assert!(parse(primitive::<Purpose>(), "marketing").is_err());
		let refused = parse_primitive::<DataCategory>("category", "x-ray").unwrap_err();
		assert!(refused.contains("one of clinical-notes"), "{refused}");
	}

	#[test]
	fn kebab_case_matches_clap() {
		assert_eq!(kebab_case("LicensingBoard"), "licensing-board");
		assert_eq!(kebab_case("Blake2_256"), "blake2-256");
		assert_eq!(kebab_case("Hiv"), "hiv");
	}
}
