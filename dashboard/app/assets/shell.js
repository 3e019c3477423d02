/* The app shell's browser-side helpers: the phone menu, and names for inputs that Dash's components render
   without one (a range slider's year boxes, the upload's file input), so screen readers can say what they are,
   a keyboard stop on tables that scroll sideways, and Enter in a data choice's select as its Apply button (which
   turns dark while a choice waits to be applied).
   Served as a file, so the Content-Security-Policy needs no hash for it. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    shell: {
        toggleNav: function (clicks, isOpen) {
            return clicks ? !isOpen : isOpen;
        }
    }
});

(function () {
    var NAMES = [
        ['.dash-range-slider-min-input', 'First year shown'],
        ['.dash-range-slider-max-input', 'Last year shown'],
        ['input[type="file"]', 'Choose a CSV file to check against the targets']
    ];

    function name(root) {
        NAMES.forEach(function (pair) {
            root.querySelectorAll(pair[0]).forEach(function (element) {
                if (!element.getAttribute('aria-label')) {
                    element.setAttribute('aria-label', pair[1]);
                }
            });
        });
        /* A table that scrolls sideways on a phone must be reachable by keyboard to be scrolled. */
        root.querySelectorAll('.table-responsive:not([tabindex])').forEach(function (element) {
            element.setAttribute('tabindex', '0');
            element.setAttribute('role', 'region');
            element.setAttribute('aria-label', 'Table (scrolls sideways)');
        });
    }

    /* A data choice applies on its Apply button; Enter in the select applies it too (arrow keys only choose). */
    function applyOnEnter(event) {
        var select = event.target;
        if (event.key !== 'Enter' || !select || !select.matches || !select.matches('.data-choices select')) {
            return;
        }
        var group = select.closest('.input-group');
        var apply = group && group.querySelector('.data-apply');
        if (apply) {
            event.preventDefault();
            apply.click();
        }
    }

    function appliedValue(select) {
        // The value the page is drawn on: the address's (?trade=, ?vintage=), else the option marked as the default.
        var key = '';
        try {
            key = JSON.parse(select.id).name;
        } catch (error) {
            return null;
        }
        var asked = new URLSearchParams(window.location.search).get(key);
        if (asked) {
            return asked;
        }
        var marked = Array.prototype.find.call(select.options, function (option) {
            return /\((active|default)\)$/.test(option.textContent.trim());
        });
        return marked ? marked.value : null;
    }

    /* A chosen but not yet applied value shows on its Apply button (dark instead of grey). */
    function markPending() {
        document.querySelectorAll('.data-choices select').forEach(function (select) {
            var group = select.closest('.input-group');
            var apply = group && group.querySelector('.data-apply');
            var applied = appliedValue(select);
            if (apply && applied !== null) {
                var pending = select.value !== applied;
                apply.classList.toggle('btn-dark', pending);
                apply.classList.toggle('btn-secondary', !pending);
            }
        });
    }

    function start() {
        document.addEventListener('keydown', applyOnEnter);
        document.addEventListener('change', markPending, true);
        window.addEventListener('popstate', markPending);
        window.addEventListener('_dashprivate_pushstate', markPending);
        name(document);
        new MutationObserver(function () {
            name(document);
            markPending();
        }).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
