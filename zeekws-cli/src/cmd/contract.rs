//! `zeekws contract URL --schema FILE`: the running Zeek's layouts against a script's.

use std::process::ExitCode;

use zeekws_runtime::client::Error;
use zeekws_runtime::codec::Layouts;
use zeekws_runtime::contract::{ContractError, ContractPolicy};

use crate::args::ContractArgs;
use crate::{MISMATCH, Outcome};

pub async fn run(args: ContractArgs) -> Outcome {
    let Some(schema) = crate::schema::load(&args.schema)? else {
        return Err("give the declarations to check with --schema FILE".into());
    };
    let (layouts, unknown) = Layouts::from_schema(&schema, &args.types);
    if !unknown.is_empty() {
        return Err(format!("not declared in the --schema files: {}", unknown.join(", ")).into());
    }
    if layouts.is_empty() {
        return Err("the --schema files declare no records, enums or events".into());
    }
    let result = crate::connect::builder(&args.url, &args.connect)?
        .verify_layouts(&layouts)
        .contract_policy(ContractPolicy::Require)
        .contract_timeout(args.connect.timeout)
        .connect()
        .await;
    match result {
        Ok(client) => {
            println!(
                "contract holds: {} layout(s) match {} (Zeek {})",
                layouts.len(),
                args.url,
                client.ack().version
            );
            let _ = client.close().await;
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Contract(e @ ContractError::Mismatch { .. })) => {
            println!("{e}");
            Ok(ExitCode::from(MISMATCH))
        }
        Err(e) => Err(e.into()),
    }
}
