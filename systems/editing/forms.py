from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.ModelForm):
    """Every change says why; the reason is kept in the row's history."""

    change_reason = forms.CharField(
        label=_("Reason for this change"), max_length=100,
        help_text=_("Kept in the history, e.g. \"Rongcheng's 2024 schedule, Art. 3\"."))


IMPACT_FIRST = _("Look at the impact on the personas below, then press Save again.")


def holding(form_class, reasons=(IMPACT_FIRST,)):
    """The same form, refusing to save, for these reasons: the editor has not yet seen the
    change's impact, or the change would leave the rules inconsistent as a set."""

    class Held(form_class):
        def clean(self):
            cleaned = super().clean()
            raise forms.ValidationError([forms.ValidationError(str(r), code="held")
                                         for r in reasons])
            return cleaned
    Held.__name__ = form_class.__name__
    return Held
