"""{% absolute_url "fees:bill_detail" complex.slug bill.pk %}: Django's {% url %} made absolute
with SITE_URL (core/links.py), for the links in e-mail templates."""

from django import template
from django.template.defaulttags import URLNode, url

from core.links import absolute_url as make_absolute

register = template.Library()


class AbsoluteURLNode(URLNode):
    def render(self, context):
        if self.asvar:
            super().render(context)
            context[self.asvar] = make_absolute(context[self.asvar])
            return ""
        return make_absolute(super().render(context))


@register.tag
def absolute_url(parser, token):
    node = url(parser, token)
    return AbsoluteURLNode(node.view_name, node.args, node.kwargs, node.asvar)
