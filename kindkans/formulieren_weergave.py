"""Form rendering for the whole portal: every required field also carries aria-required."""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class KindkansBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if self.field.required and not widget.is_hidden:
            attrs["aria-required"] = "true"
        return attrs


class KindkansRenderer(DjangoTemplates):
    bound_field_class = KindkansBoundField
