//! The imitation's `wss://` side: a rustls server configuration from PEM.

use std::sync::Arc;

use rustls::ServerConfig;

use crate::transport::tls::{TlsError, certs_from_pem, key_from_pem, provider};

/// A rustls server configuration from a PEM certificate chain and key.
pub(crate) fn server_config(
    cert_pem: &[u8],
    key_pem: &[u8],
) -> Result<Arc<ServerConfig>, TlsError> {
    let config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(TlsError::rustls("protocol versions"))?
        .with_no_client_auth()
        .with_single_cert(certs_from_pem(cert_pem)?, key_from_pem(key_pem)?)
        .map_err(TlsError::rustls("server certificate"))?;
    Ok(Arc::new(config))
}
