//! The imitation's `wss://` side: a rustls server configuration from PEM.

use std::sync::Arc;

use rustls::ServerConfig;

use crate::transport::tls::{TlsError, certs_from_pem, key_from_pem, provider};

/// A rustls server configuration from a PEM certificate chain and key; with `client_ca`,
/// every client must present a certificate that chains to one of its certificates.
pub(crate) fn server_config(
    cert_pem: &[u8],
    key_pem: &[u8],
    client_ca: Option<&[u8]>,
) -> Result<Arc<ServerConfig>, TlsError> {
    let builder = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(TlsError::rustls("protocol versions"))?;
    let builder = match client_ca {
        None => builder.with_no_client_auth(),
        Some(ca) => {
            let mut roots = rustls::RootCertStore::empty();
            for cert in certs_from_pem(ca)? {
                roots
                    .add(cert)
                    .map_err(TlsError::rustls("client CA certificate"))?;
            }
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider(),
            )
            .build()
            .map_err(|e| TlsError(format!("client certificate verifier: {e}")))?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let config = builder
        .with_single_cert(certs_from_pem(cert_pem)?, key_from_pem(key_pem)?)
        .map_err(TlsError::rustls("server certificate"))?;
    Ok(Arc::new(config))
}
