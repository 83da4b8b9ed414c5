/* roikit embed: the "roikit calculator" block's editor. Plain JavaScript on
 * WordPress's globals (wp.blocks, wp.element, wp.components,
 * wp.blockEditor), no build step. The post shows the block through the
 * plugin's PHP (the [roikit] shortcode's markup). MIT licence. */
(function (wp) {
  'use strict';
  var el = wp.element.createElement;
  var c = wp.components;
  var calculators = window.roikitCalculators || [];

  function title(name) {
    for (var i = 0; i < calculators.length; i++) if (calculators[i].value === name) return calculators[i].label;
    return name;
  }

  wp.blocks.registerBlockType('roikit/calculator', {
    apiVersion: 2,
    title: 'roikit calculator',
    description: 'An ROI, A/B test or customer lifetime value calculator from roikit, sized to its content.',
    category: 'embed',
    icon: 'calculator',
    keywords: ['roi', 'calculator', 'a/b test', 'sample size', 'clv'],
    attributes: {
      name: { type: 'string', default: 'roi' },
      defaults: { type: 'string', default: '' },
      theme: { type: 'string', default: '' },
      currency: { type: 'string', default: '' }
    },
    edit: function (props) {
      var a = props.attributes;
      var set = function (key) {
        return function (value) {
          var o = {};
          o[key] = value;
          props.setAttributes(o);
        };
      };
      var fields = [
        el(c.SelectControl, { key: 'name', label: 'Calculator', value: a.name, options: calculators, onChange: set('name') }),
        el(c.TextControl, {
          key: 'defaults', label: 'Defaults', value: a.defaults, onChange: set('defaults'),
          help: 'The inputs your readers start from, as in the calculator\'s address: baseline_rate=0.03&mde=0.1'
        }),
        el(c.SelectControl, {
          key: 'theme', label: 'Theme', value: a.theme, onChange: set('theme'),
          options: [{ value: '', label: 'Follow the reader\'s system' }, { value: 'light', label: 'Light' }, { value: 'dark', label: 'Dark' }]
        }),
        el(c.TextControl, { key: 'currency', label: 'Currency (ISO code, such as EUR)', value: a.currency, onChange: set('currency') })
      ];
      var blockProps = wp.blockEditor.useBlockProps ? wp.blockEditor.useBlockProps() : {};
      return el('div', blockProps,
        el(wp.blockEditor.InspectorControls, null, el(c.PanelBody, { title: 'Calculator' }, fields)),
        el(c.Placeholder, { icon: 'calculator', label: 'roikit: ' + title(a.name), instructions: 'Shown in full on the published post.' }, fields));
    },
    save: function () {
      return null;
    }
  });
})(window.wp);
