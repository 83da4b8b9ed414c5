//go:build wordpress

package wordpress_test

// The PHP the test writes into its temporary site. Each uses WordPress's
// public functions only; {{NAME}} are filled in by the test.

// prependPHP runs before every PHP request (Apache's auto_prepend_file and
// php -d auto_prepend_file): WordPress's root is the temporary one, so
// Debian's wp-config.php (which reads /etc/wordpress) is not used.
const prependPHP = `<?php
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', '{{ROOT}}/' );
}
`

const wpConfigPHP = `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:{{SOCK}}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
define( 'WP_HOME', '{{URL}}' );
define( 'WP_SITEURL', '{{URL}}' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_DEBUG', false );
$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
`

// loopbackPHP is the must-use plugin: WordPress may fetch oEmbed from the
// roikit site on loopback (it refuses private addresses and ports other than
// 80, 443 and 8080 by default). A page asked with ?roikit_plugin=off is
// rendered as on a site without the roikit-embed plugin.
const loopbackPHP = `<?php
add_filter( 'http_request_host_is_external', function ( $external, $host ) {
	return $external || '127.0.0.1' === $host;
}, 10, 2 );
add_filter( 'http_allowed_safe_ports', function ( $ports ) {
	$ports[] = {{ROIKIT_PORT}};
	return $ports;
} );
if ( isset( $_GET['roikit_plugin'] ) && 'off' === $_GET['roikit_plugin'] ) {
	add_filter( 'option_active_plugins', function ( $plugins ) {
		return array_values( array_diff( (array) $plugins, array( 'roikit-embed/roikit-embed.php' ) ) );
	} );
}
`

// installPHP creates the database and installs WordPress (as its
// installer does), without e-mail.
const installPHP = `<?php
define( 'WP_INSTALLING', true );
$db = new mysqli( 'localhost', 'root', '', '', 0, '{{SOCK}}' );
$db->query( 'CREATE DATABASE wordpress' );
$_SERVER['HTTP_HOST'] = '{{HOST}}';
require ABSPATH . 'wp-load.php';
function wp_new_blog_notification() {}
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$result = wp_install( 'roikit test', 'admin', 'admin@example.invalid', false, '', 'admin-password-1' );
echo json_encode( array( 'user' => $result['user_id'] ) );
`

// contentPHP activates the plugin, adds an Author, and publishes the posts
// each as its user would (kses applies to the Author, not to the
// Administrator, who has unfiltered_html). It prints the posts' IDs and
// what WordPress kept of the Author's snippet.
const contentPHP = `<?php
$_SERVER['HTTP_HOST'] = '{{HOST}}';
require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
update_option( 'roikit_embed_site', '{{SITE}}' );
$err = activate_plugin( 'roikit-embed/roikit-embed.php' );
if ( is_wp_error( $err ) ) { fwrite( STDERR, $err->get_error_message() ); exit( 1 ); }
$author = wp_insert_user( array( 'user_login' => 'author', 'user_pass' => 'author-password-1', 'user_email' => 'author@example.invalid', 'role' => 'author' ) );
if ( is_wp_error( $author ) ) { fwrite( STDERR, $author->get_error_message() ); exit( 1 ); }
$admin = get_user_by( 'login', 'admin' )->ID;
function roikit_post( $user, $title, $content ) {
	wp_set_current_user( $user ); // kses_init follows the user
	$id = wp_insert_post( array( 'post_title' => $title, 'post_content' => $content, 'post_status' => 'publish', 'post_author' => $user ), true );
	if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
	return $id;
}
$embed = function ( $url ) {
	return "<!-- wp:embed {\"url\":\"$url\",\"type\":\"rich\",\"providerNameSlug\":\"roikit\"} -->\n" .
		"<figure class=\"wp-block-embed is-type-rich is-provider-roikit wp-block-embed-roikit\"><div class=\"wp-block-embed__wrapper\">\n$url\n</div></figure>\n<!-- /wp:embed -->";
};
$p = "<!-- wp:paragraph -->\n<p>The calculator below computes in your browser.</p>\n<!-- /wp:paragraph -->\n\n";
$out = array(
	'paste'        => roikit_post( $author, 'Pasted calculator', $p . $embed( getenv( 'ROIKIT_PASTE' ) ) ),
	'pasteplugin'  => roikit_post( $author, 'Pasted calculator with the plugin', $p . $embed( getenv( 'ROIKIT_PASTEPLUGIN' ) ) ),
	'shortcode'    => roikit_post( $author, 'Shortcode', $p . "<!-- wp:shortcode -->\n" . getenv( 'ROIKIT_SHORTCODE' ) . "\n<!-- /wp:shortcode -->" ),
	'block'        => roikit_post( $author, 'Block', $p . getenv( 'ROIKIT_BLOCK' ) ),
	'snippet'      => roikit_post( $admin, 'Snippet', $p . "<!-- wp:html -->\n" . getenv( 'ROIKIT_SNIPPET' ) . "\n<!-- /wp:html -->" ),
	'authorsnippet' => roikit_post( $author, 'Snippet by an Author', $p . "<!-- wp:html -->\n" . getenv( 'ROIKIT_SNIPPET' ) . "\n<!-- /wp:html -->" ),
);
$out['authorsnippetkept'] = get_post( $out['authorsnippet'] )->post_content;
echo json_encode( $out );
`
