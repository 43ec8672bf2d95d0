from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.ModelForm):
    """Every change says why; the reason is kept in the row's history."""

    change_reason = forms.CharField(
        label=_("Reason for this change"), max_length=100,
        help_text=_("Kept in the history, e.g. \"Rongcheng's 2024 schedule, Art. 3\"."))


def holding(form_class):
    """The same form, refusing to save: the editor has not yet seen the change's impact."""

    class Held(form_class):
        def clean(self):
            cleaned = super().clean()
            raise forms.ValidationError(
                _("Look at the impact on the personas below, then press Save again."),
                code="impact")
            return cleaned
    Held.__name__ = form_class.__name__
    return Held
