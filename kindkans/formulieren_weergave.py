"""Form rendering for the whole portal: every required field also carries aria-required, and a
field's help text is escaped (Django's own field template marks it safe)."""

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
    # Found through APP_DIRS (kindkans/templates/): this renderer does not read TEMPLATES' DIRS.
    field_template_name = "kindkans/forms/veld.html"
