//! Turning `ConnectArgs` (timeouts, application name, TLS files) into a client.

use std::error::Error;
use std::path::Path;

use zeekws_runtime::client::ClientBuilder;

use crate::args::ConnectArgs;

/// A client builder for `url` with the options every connecting subcommand shares.
pub fn builder(
    url: &str,
    args: &ConnectArgs,
) -> Result<ClientBuilder, Box<dyn Error + Send + Sync>> {
    let mut b = zeekws_runtime::Client::builder(url)
        .application_name(args.app_name.clone())
        .connect_timeout(args.timeout)
        .ack_timeout(args.timeout);
    if let Some(ca) = &args.ca {
        b = b.ca_pem(read(ca)?);
    }
    if let (Some(cert), Some(key)) = (&args.cert, &args.key) {
        b = b.client_cert_pem(read(cert)?, read(key)?);
    }
    if args.insecure {
        b = b.danger_accept_invalid_certs(true);
    }
    Ok(b)
}

/// A file's bytes, or an error naming it.
pub fn read(path: &Path) -> Result<Vec<u8>, Box<dyn Error + Send + Sync>> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()).into())
}
