<?php
/**
 * Plugin Name:       roikit embed
 * Plugin URI:        https://roikit.netlify.app/docs/embedding/
 * Description:       Embed roikit's calculators (ROI, A/B test sample size and significance, customer lifetime value) in posts: paste a calculator's address, use the [roikit] shortcode, or the roikit calculator block. Embeds take their content's full height.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            roikit
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       roikit-embed
 *
 * Written for roikit under the MIT licence (GPL-compatible). It uses
 * WordPress's public functions only and contains no WordPress code.
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The calculators, by name: title and initial height in CSS pixels (the
 * height before embed.js sizes the frame to its content). roikit's
 * test/wordpress checks this list against the site's calculators.
 */
function roikit_embed_calculators() {
	return array(
		'roi'          => array( 'title' => 'Personalization ROI', 'height' => 1200 ),
		'samplesize'   => array( 'title' => 'A/B test sample size and duration', 'height' => 1380 ),
		'significance' => array( 'title' => 'A/B test significance', 'height' => 980 ),
		'clv'          => array( 'title' => 'Customer lifetime value', 'height' => 760 ),
		'clvfit'       => array( 'title' => 'Customer lifetime value from transactions', 'height' => 1200 ),
		'prioritize'   => array( 'title' => 'Rank the idea backlog', 'height' => 1100 ),
	);
}

/**
 * The roikit site the calculators come from, without a trailing slash:
 * the ROIKIT_EMBED_SITE constant, else the roikit_embed_site option
 * (Settings > General), else https://roikit.netlify.app.
 */
function roikit_embed_site() {
	$site = defined( 'ROIKIT_EMBED_SITE' ) ? ROIKIT_EMBED_SITE : get_option( 'roikit_embed_site', '' );
	if ( ! is_string( $site ) || ! preg_match( '#^https?://[^/?\#]+#', $site ) ) {
		$site = 'https://roikit.netlify.app';
	}
	return untrailingslashit( $site );
}

// The site is an oEmbed provider: calculator and embed pages are embedded
// without discovery, by every user who can write a post.
add_action(
	'init',
	function () {
		$site = roikit_embed_site();
		foreach ( array( 'calculators', 'embed' ) as $kind ) {
			wp_oembed_add_provider( $site . '/' . $kind . '/*', $site . '/oembed' );
		}
	}
);

/** roikit_embed_is_ours reports whether $url is a page of the roikit site. */
function roikit_embed_is_ours( $url ) {
	$site = roikit_embed_site();
	return is_string( $url ) && 0 === strpos( $url, $site . '/' );
}

// A registered provider's HTML is kept as it is: the fallback blockquote
// would show beside the frame, so it goes; embed.js sizes the frame.
add_filter(
	'oembed_dataparse',
	function ( $html, $data, $url ) {
		if ( is_string( $html ) && roikit_embed_is_ours( $url ) ) {
			$html = preg_replace( '#<blockquote class="wp-embedded-content">.*?</blockquote>#s', '', $html );
		}
		return $html;
	},
	20,
	3
);

add_filter(
	'embed_oembed_html',
	function ( $html, $url ) {
		if ( roikit_embed_is_ours( $url ) ) {
			roikit_embed_enqueue();
		}
		return $html;
	},
	10,
	2
);

/** roikit_embed_enqueue adds embed.js (in the page's footer) once. */
function roikit_embed_enqueue() {
	wp_enqueue_script( 'roikit-embed', plugins_url( 'js/embed.js', __FILE__ ), array(), '1.0.0', true );
}

/**
 * roikit_embed_iframe is the markup of one calculator: the embed page's
 * iframe, centred in the text column, sized by embed.js. $query holds the
 * calculator's fields and the page's options (theme, accent, currency,
 * locale, hide).
 */
function roikit_embed_iframe( $name, $query, $title = '', $height = 0 ) {
	$calcs = roikit_embed_calculators();
	if ( ! isset( $calcs[ $name ] ) ) {
		return '<p class="roikit-embed-error">' . esc_html(
			sprintf( 'roikit: there is no calculator "%s"; the calculators are %s.', $name, implode( ', ', array_keys( $calcs ) ) )
		) . '</p>';
	}
	$src = roikit_embed_site() . '/embed/' . $name . '/';
	if ( $query ) {
		$src .= '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 );
	}
	$height = $height > 0 ? (int) $height : $calcs[ $name ]['height'];
	$title  = '' !== $title ? $title : $calcs[ $name ]['title'] . ' (roikit)';
	roikit_embed_enqueue();
	return sprintf(
		'<iframe src="%s" title="%s" width="640" height="%d" loading="lazy" data-roikit class="roikit-embed" style="border:0;display:block;width:100%%;max-width:640px;margin:0 auto"></iframe>',
		esc_url( $src ),
		esc_attr( $title ),
		$height
	);
}

/**
 * The [roikit] shortcode: [roikit name="samplesize" baseline_rate="0.03"
 * theme="dark" hide="alpha,power"]. name picks the calculator; title and
 * height set the frame's; every other attribute goes into the embed page's
 * address (a calculator field as a default, or an option).
 */
function roikit_embed_shortcode( $atts ) {
	$atts  = is_array( $atts ) ? $atts : array();
	$name  = isset( $atts['name'] ) ? strtolower( trim( (string) $atts['name'] ) ) : 'roi';
	$title = isset( $atts['title'] ) ? (string) $atts['title'] : '';
	$h     = isset( $atts['height'] ) ? absint( $atts['height'] ) : 0;
	$query = array();
	foreach ( $atts as $key => $value ) {
		if ( is_string( $key ) && preg_match( '/^[a-z][a-z0-9_]{0,63}$/', $key ) && ! in_array( $key, array( 'name', 'title', 'height' ), true ) ) {
			$query[ $key ] = (string) $value;
		}
	}
	return roikit_embed_iframe( $name, $query, $title, $h );
}
add_shortcode( 'roikit', 'roikit_embed_shortcode' );

// The block: a calculator picker and its defaults in the editor (plain
// JavaScript, no build step), rendered on the server as the shortcode is.
add_action(
	'init',
	function () {
		wp_register_script(
			'roikit-embed-block',
			plugins_url( 'js/block.js', __FILE__ ),
			array( 'wp-blocks', 'wp-element', 'wp-components', 'wp-block-editor' ),
			'1.0.0',
			true
		);
		$choices = array();
		foreach ( roikit_embed_calculators() as $name => $c ) {
			$choices[] = array( 'value' => $name, 'label' => $c['title'] );
		}
		wp_add_inline_script( 'roikit-embed-block', 'window.roikitCalculators = ' . wp_json_encode( $choices ) . ';', 'before' );
		register_block_type(
			'roikit/calculator',
			array(
				'api_version'     => 2,
				'editor_script'   => 'roikit-embed-block',
				'attributes'      => array(
					'name'     => array( 'type' => 'string', 'default' => 'roi' ),
					'defaults' => array( 'type' => 'string', 'default' => '' ),
					'theme'    => array( 'type' => 'string', 'default' => '' ),
					'currency' => array( 'type' => 'string', 'default' => '' ),
				),
				'render_callback' => 'roikit_embed_render_block',
			)
		);
	}
);

/**
 * roikit_embed_render_block renders the block: its defaults are a query
 * string (baseline_rate=0.03&mde=0.1), as in a calculator's address.
 */
function roikit_embed_render_block( $attrs ) {
	$query = array();
	if ( ! empty( $attrs['defaults'] ) ) {
		wp_parse_str( ltrim( (string) $attrs['defaults'], '?' ), $query );
	}
	foreach ( array( 'theme', 'currency' ) as $opt ) {
		if ( ! empty( $attrs[ $opt ] ) ) {
			$query[ $opt ] = (string) $attrs[ $opt ];
		}
	}
	$query = array_filter( $query, 'is_string' );
	return roikit_embed_iframe( isset( $attrs['name'] ) ? (string) $attrs['name'] : 'roi', $query );
}

// Settings > General: the roikit site's address (for a self-hosted copy).
add_action(
	'admin_init',
	function () {
		register_setting(
			'general',
			'roikit_embed_site',
			array(
				'type'              => 'string',
				'sanitize_callback' => 'esc_url_raw',
			)
		);
		add_settings_field(
			'roikit_embed_site',
			'roikit site',
			function () {
				printf(
					'<input type="url" class="regular-text" id="roikit_embed_site" name="roikit_embed_site" value="%s" placeholder="https://roikit.netlify.app">',
					esc_attr( get_option( 'roikit_embed_site', '' ) )
				);
			},
			'general',
			'default',
			array( 'label_for' => 'roikit_embed_site' )
		);
	}
);
